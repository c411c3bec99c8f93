package io.hypernf.sdk.flow;

import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.Icmpv6Header;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Addresses;
import io.hypernf.sdk.packet.Ipv6Addresses;
import io.hypernf.sdk.packet.PacketClass;
import io.hypernf.sdk.packet.ParsedPacket;

/**
 * A mutable, reusable 5-tuple (addresses, ports, protocol) for IPv4 and IPv6 flows, in
 * primitive fields: one object per NF, refilled for every packet ({@link #set(ParsedPacket)}).
 *
 * <p>The key is five 64-bit words ({@link #word(int)}), which is how {@link FlowTable} stores it:
 * <pre>
 *  word 0: source high      (IPv6 bytes 0..7;  IPv4: 0)
 *  word 1: source low       (IPv6 bytes 8..15; IPv4: the address, zero-extended)
 *  word 2: destination high
 *  word 3: destination low
 *  word 4: | 0 (16) | IP version (8) | protocol (8) | source port (16) | destination port (16) |
 * </pre>
 * The IP version is part of the key, so an IPv4 flow never equals an IPv6 flow whatever the
 * address bits. For ICMP / ICMPv6 echo and timestamp messages both "ports" are the identifier,
 * the way connection trackers pair a request with its reply.
 *
 * <p>Direction-independent form for connection tracking: {@link #canonicalize()} orders the two
 * endpoints and says whether it had to swap them. Both directions of a connection then give the
 * same key; a packet is a reply when its swap bit differs from the one the flow's first packet
 * had (store that bit with the flow's state).
 */
public final class FlowKey {
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int sourcePort;
    private int destinationPort;
    private int protocol;
    private int ipVersion;

    /**
     * Fills the key from a parsed packet. Returns false, leaving the key unchanged, when the packet
     * has no 5-tuple: not IP, malformed, or a fragment after the first (its ports are not in it).
     */
    public boolean set(ParsedPacket packet) {
        PacketClass packetClass = packet.packetClass();
        if (!packetClass.isOk() || packet.ipVersion() == 0 || packet.isLaterFragment()) {
            return false;
        }
        int ports = portsOf(packet);
        if (packet.ipVersion() == 4) {
            setIpv4(packet.ipv4Source(), packet.ipv4Destination(), packet.l4Protocol(), ports >>> 16, ports & 0xFFFF);
        } else {
            setIpv6(packet.ipv6SourceHigh(), packet.ipv6SourceLow(), packet.ipv6DestinationHigh(), packet.ipv6DestinationLow(),
                    packet.l4Protocol(), ports >>> 16, ports & 0xFFFF);
        }
        return true;
    }

    private static int portsOf(ParsedPacket packet) {
        int protocol = packet.l4Protocol();
        if (protocol == IpProtocol.ICMP || protocol == IpProtocol.ICMPV6) {
            int type = packet.icmpType();
            boolean paired = protocol == IpProtocol.ICMP ? IcmpHeader.isQueryType(type) : Icmpv6Header.isEchoType(type);
            int id = paired && packet.icmpIdentifier() >= 0 ? packet.icmpIdentifier() : 0;
            return id << 16 | id;
        }
        return packet.sourcePort() << 16 | packet.destinationPort();
    }

    public FlowKey setIpv4(int source, int destination, int protocol, int sourcePort, int destinationPort) {
        this.ipVersion = 4;
        this.sourceHigh = 0;
        this.sourceLow = source & 0xFFFF_FFFFL;
        this.destinationHigh = 0;
        this.destinationLow = destination & 0xFFFF_FFFFL;
        this.protocol = protocol & 0xFF;
        this.sourcePort = sourcePort & 0xFFFF;
        this.destinationPort = destinationPort & 0xFFFF;
        return this;
    }

    public FlowKey setIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                           int protocol, int sourcePort, int destinationPort) {
        this.ipVersion = 6;
        this.sourceHigh = sourceHigh;
        this.sourceLow = sourceLow;
        this.destinationHigh = destinationHigh;
        this.destinationLow = destinationLow;
        this.protocol = protocol & 0xFF;
        this.sourcePort = sourcePort & 0xFFFF;
        this.destinationPort = destinationPort & 0xFFFF;
        return this;
    }

    /** Sets the key from its five words (as {@link FlowTable} stores them). */
    public FlowKey setWords(long w0, long w1, long w2, long w3, long w4) {
        sourceHigh = w0;
        sourceLow = w1;
        destinationHigh = w2;
        destinationLow = w3;
        ipVersion = (int) (w4 >>> 40) & 0xFF;
        protocol = (int) (w4 >>> 32) & 0xFF;
        sourcePort = (int) (w4 >>> 16) & 0xFFFF;
        destinationPort = (int) w4 & 0xFFFF;
        return this;
    }

    public FlowKey copyFrom(FlowKey other) {
        sourceHigh = other.sourceHigh;
        sourceLow = other.sourceLow;
        destinationHigh = other.destinationHigh;
        destinationLow = other.destinationLow;
        sourcePort = other.sourcePort;
        destinationPort = other.destinationPort;
        protocol = other.protocol;
        ipVersion = other.ipVersion;
        return this;
    }

    /** Word {@code i} (0..4) of the key; see the class comment. */
    public long word(int i) {
        switch (i) {
            case 0: return sourceHigh;
            case 1: return sourceLow;
            case 2: return destinationHigh;
            case 3: return destinationLow;
            case 4: return word4();
            default: throw new IndexOutOfBoundsException("flow key word " + i + " is outside [0, 4]");
        }
    }

    long word4() {
        return (long) ipVersion << 40 | (long) protocol << 32 | (long) sourcePort << 16 | destinationPort;
    }

    /** Swaps source and destination (the key of the other direction). */
    public FlowKey reverse() {
        long high = sourceHigh;
        long low = sourceLow;
        int port = sourcePort;
        sourceHigh = destinationHigh;
        sourceLow = destinationLow;
        sourcePort = destinationPort;
        destinationHigh = high;
        destinationLow = low;
        destinationPort = port;
        return this;
    }

    /**
     * Puts the smaller endpoint (address, then port, compared unsigned) first, so that both
     * directions of a flow give one key. Returns whether the endpoints were swapped.
     */
    public boolean canonicalize() {
        int order = Long.compareUnsigned(sourceHigh, destinationHigh);
        if (order == 0) {
            order = Long.compareUnsigned(sourceLow, destinationLow);
        }
        if (order == 0) {
            order = Integer.compare(sourcePort, destinationPort);
        }
        if (order > 0) {
            reverse();
            return true;
        }
        return false;
    }

    /** A 32-bit hash of the key mixed with {@code seed} (tables use a random seed against crafted collisions). */
    public int hash(long seed) {
        long h = mix(seed ^ sourceHigh);
        h = mix(h ^ sourceLow);
        h = mix(h ^ destinationHigh);
        h = mix(h ^ destinationLow);
        h = mix(h ^ word4());
        return (int) (h ^ (h >>> 32));
    }

    /** The finaliser of MurmurHash3 (public domain): every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** Whether this key equals the one stored as five words. */
    public boolean matches(long w0, long w1, long w2, long w3, long w4) {
        return sourceLow == w1 && destinationLow == w3 && word4() == w4 && sourceHigh == w0 && destinationHigh == w2;
    }

    public int ipVersion() { return ipVersion; }
    public int protocol() { return protocol; }
    public int sourcePort() { return sourcePort; }
    public int destinationPort() { return destinationPort; }
    public long sourceHigh() { return sourceHigh; }
    public long sourceLow() { return sourceLow; }
    public long destinationHigh() { return destinationHigh; }
    public long destinationLow() { return destinationLow; }
    /** The IPv4 source address (meaningful when {@link #ipVersion()} is 4). */
    public int ipv4Source() { return (int) sourceLow; }
    public int ipv4Destination() { return (int) destinationLow; }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowKey
                && ((FlowKey) other).matches(sourceHigh, sourceLow, destinationHigh, destinationLow, word4());
    }

    @Override
    public int hashCode() { return hash(0); }

    @Override
    public String toString() {
        String source = ipVersion == 4 ? Ipv4Addresses.format(ipv4Source()) : "[" + Ipv6Addresses.format(sourceHigh, sourceLow) + "]";
        String destination = ipVersion == 4 ? Ipv4Addresses.format(ipv4Destination()) : "[" + Ipv6Addresses.format(destinationHigh, destinationLow) + "]";
        return "proto " + protocol + " " + source + ":" + sourcePort + " -> " + destination + ":" + destinationPort;
    }
}
