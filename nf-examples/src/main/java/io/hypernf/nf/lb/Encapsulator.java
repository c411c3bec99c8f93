package io.hypernf.nf.lb;

import io.hypernf.sdk.packet.Ipv4Header;
import io.netty.buffer.ByteBuf;

/**
 * Wraps the IPv4 packet of a frame, in place, in an outer IPv4 header for direct server return:
 * <pre>
 *  before: | Ethernet (+VLAN) | inner IPv4 ...                  |
 *  after:  | Ethernet (+VLAN) | outer IPv4 | [GRE] | inner IPv4 ... |
 *
 *  outer IPv4 (RFC 791): version 4, IHL 5, TOS copied from the inner header, total length =
 *  inner total length + 20 (+ 4), identification from a counter, DF copied from the inner header
 *  (RFC 2003 3.1), TTL 64, protocol 4 (IP-in-IP, RFC 2003) or 47 (GRE), source = the LB
 *  address, destination = the backend, header checksum computed.
 *
 *  GRE (RFC 2784 section 2): | C=0, reserved0=0, version=0 (16) | protocol type 0x0800 (16) |
 * </pre>
 * The inner packet moves towards the end of the buffer by the header size; the Ethernet header
 * (and the EtherType, already IPv4) stays. Nothing is allocated.
 */
final class Encapsulator {
    static final int IPIP_OVERHEAD = Ipv4Header.MIN_LENGTH;
    static final int GRE_HEADER = 4;
    static final int GRE_OVERHEAD = Ipv4Header.MIN_LENGTH + GRE_HEADER;
    static final int PROTOCOL_IPIP = 4;
    static final int PROTOCOL_GRE = 47;
    static final int GRE_PROTOCOL_IPV4 = 0x0800;
    static final int OUTER_TTL = 64;

    private final Ipv4Header ip = new Ipv4Header();
    private final boolean gre;
    private int identification;

    Encapsulator(boolean gre) {
        this.gre = gre;
    }

    /** Bytes the frame grows by. */
    int overhead() { return gre ? GRE_OVERHEAD : IPIP_OVERHEAD; }

    /**
     * Encapsulates the IPv4 packet at {@code l3Offset} of a frame of {@code frameLength} bytes and
     * returns the new frame length. The caller checked that {@code frameLength + overhead()} fits.
     */
    int encapsulate(ByteBuf frame, int l3Offset, int frameLength, int source, int destination) {
        ip.wrap(frame, l3Offset);
        int innerTotal = ip.totalLength();
        int tos = ip.tos();
        int dontFragment = ip.flagsFragmentOffset() & Ipv4Header.FLAG_DONT_FRAGMENT;
        int grow = overhead();
        moveTowardsEnd(frame, l3Offset, frameLength - l3Offset, grow);
        ip.version(4).ihl(5);
        ip.tos(tos)
                .totalLength(innerTotal + grow)
                .identification(identification++ & 0xFFFF)
                .flagsFragmentOffset(dontFragment)
                .ttl(OUTER_TTL)
                .protocol(gre ? PROTOCOL_GRE : PROTOCOL_IPIP)
                .source(source)
                .destination(destination)
                .checksum(0)
                .updateChecksum();
        if (gre) {
            frame.setShort(l3Offset + Ipv4Header.MIN_LENGTH, 0);
            frame.setShort(l3Offset + Ipv4Header.MIN_LENGTH + 2, GRE_PROTOCOL_IPV4);
        }
        return frameLength + grow;
    }

    /**
     * Moves {@code length} bytes at {@code from} to {@code from + by}, last bytes first so the
     * overlap is safe (a memmove towards the end), eight bytes at a time.
     */
    static void moveTowardsEnd(ByteBuf buf, int from, int length, int by) {
        int i = length;
        while (i >= Long.BYTES) {
            i -= Long.BYTES;
            buf.setLong(from + by + i, buf.getLong(from + i));
        }
        while (i > 0) {
            i--;
            buf.setByte(from + by + i, buf.getByte(from + i));
        }
    }
}
