#!/usr/bin/env python3
"""Writes the nf-chain scenario's input capture (lab/input.pcap, committed).

Every frame goes from the generator's MAC to the NF guest's first port
(02:48:4e:46:00:01), which that guest announces to the switch before any
traffic. What chain-lab.yaml does with each group, on the host and in the
guest alike:
  60 TCP SYNs to the web VIP 10.0.0.2:80    firewall accepts, NAT, LB IP-in-IP
  30 UDP queries to the DNS VIP 10.0.0.53:53 firewall accepts, NAT, LB IP-in-IP
  20 TCP SYNs to port 443, 20 to port 22     firewall drops (rule, default)
  10 TCP ACKs to port 80 of no connection    firewall drops (not a SYN)
  10 IPv4 headers cut short                  dropped as malformed
   5 ARP requests (unicast: a broadcast would
     reach the sink straight from the switch)  firewall drops (non-ip: drop)
Run: python3 make-input.py input.pcap

With --rate it writes the rate rounds' load instead (lab/rate.pcap): 64 UDP
queries to the DNS VIP from distinct source ports, every one of which the
chain forwards, again when replayed (the firewall, NAT and LB keep their
flows), so the frames that reach the sink measure the chain's rate.
Run: python3 make-input.py --rate rate.pcap
"""
import random
import struct
import sys

GEN_MAC = bytes.fromhex("02484e470001")
NF_MAC = bytes.fromhex("02484e460001")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(src, dst, proto, payload, ident):
    s = bytes(map(int, src.split(".")))
    d = bytes(map(int, dst.split(".")))
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0, s, d)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr, s, d


def l4sum(s, d, proto, seg):
    return csum(s + d + struct.pack("!BBH", 0, proto, len(seg)) + seg)


def tcp(src, dst, sport, dport, flags, ident, seq):
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, 0 if flags == 0x02 else 1, 0x50, flags, 64240, 0, 0)
    hdr, s, d = ip4(src, dst, 6, seg, ident)
    seg = seg[:16] + struct.pack("!H", l4sum(s, d, 6, seg)) + seg[18:]
    return eth(0x0800, hdr + seg)


def udp(src, dst, sport, dport, payload, ident):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr, s, d = ip4(src, dst, 17, seg, ident)
    seg = seg[:6] + struct.pack("!H", l4sum(s, d, 17, seg) or 0xFFFF) + seg[8:]
    return eth(0x0800, hdr + seg)


def eth(ethertype, payload, dst=NF_MAC):
    frame = dst + GEN_MAC + struct.pack("!H", ethertype) + payload
    return frame + b"\0" * max(0, 60 - len(frame))


def frames():
    out = []
    for i in range(60):
        out.append(tcp("192.168.1.%d" % (10 + i % 40), "10.0.0.2", 40000 + i, 80, 0x02, 100 + i, 1000 * i))
    for i in range(30):
        q = struct.pack("!HHHHHH", 0x1000 + i, 0x0100, 1, 0, 0, 0) + b"\x03www\x07example\x03com\x00\x00\x01\x00\x01"
        out.append(udp("192.168.1.%d" % (50 + i % 10), "10.0.0.53", 5300 + i, 53, q, 200 + i))
    for i in range(20):
        out.append(tcp("192.168.1.%d" % (10 + i), "10.0.0.2", 41000 + i, 443, 0x02, 300 + i, 7 * i))
    for i in range(20):
        out.append(tcp("192.168.1.%d" % (10 + i), "10.0.0.2", 42000 + i, 22, 0x02, 400 + i, 11 * i))
    for i in range(10):
        out.append(tcp("192.168.1.%d" % (70 + i), "10.0.0.2", 43000 + i, 80, 0x10, 500 + i, 13 * i))
    for i in range(10):
        out.append(eth(0x0800, bytes([0x45, 0, 0, 40, 0, i, 0, 0, 64, 6])))
    for i in range(5):
        arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, GEN_MAC, bytes([192, 168, 1, 10 + i]),
                          b"\0" * 6, bytes([192, 168, 1, 1]))
        out.append(eth(0x0806, arp))
    # Mixed so that drops and forwards share each batch; the seed keeps the file stable.
    random.Random(8).shuffle(out)
    return out


def rate_frames():
    out = []
    for i in range(64):
        q = struct.pack("!HHHHHH", 0x2000 + i, 0x0100, 1, 0, 0, 0) + b"\x03www\x07example\x03com\x00\x00\x01\x00\x01"
        out.append(udp("192.168.2.%d" % (10 + i % 16), "10.0.0.53", 6000 + i, 53, q, 600 + i))
    return out


def main(path, rate=False):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for n, frame in enumerate(rate_frames() if rate else frames()):
            f.write(struct.pack("<IIII", 1700000000 + n // 100, (n % 100) * 10000, len(frame), len(frame)))
            f.write(frame)


if __name__ == "__main__":
    args = sys.argv[1:]
    rate = args[:1] == ["--rate"]
    if rate:
        args = args[1:]
    main(args[0] if args else ("rate.pcap" if rate else "input.pcap"), rate)
