package io.hypernf.nf.firewall;

/**
 * The fields of one packet that rules look at, in primitive fields of one reusable object: the
 * firewall fills it from the parsed headers of each packet, the classifier reads it. Addresses are
 * in the 128-bit space of {@link AddressPrefix} (IPv4 at {@code ::ffff:a.b.c.d}).
 */
public final class PacketFields {
    /** Direction of a packet through the firewall: it entered on an outside port (towards the inside). */
    public static final int DIRECTION_IN = 1;
    /** It entered on an inside port (towards the outside). */
    public static final int DIRECTION_OUT = 2;

    /** 4 or 6. */
    public int family;
    public long srcHigh;
    public long srcLow;
    public long dstHigh;
    public long dstLow;
    /** IPv4 protocol / IPv6 next header of the transport layer. */
    public int protocol;
    /** Whether the transport header is present (false for non-first fragments and truncated packets). */
    public boolean hasTransport;
    public int srcPort;
    public int dstPort;
    public int icmpType;
    public int icmpCode;
    /** The TCP flag byte (FIN 0x01 ... CWR 0x80). */
    public int tcpFlags;
    public int inputPort;
    public int direction;

    /** Sets an IPv4 source address (host order int). */
    public void ipv4Source(int address) {
        srcHigh = 0;
        srcLow = AddressPrefix.IPV4_MAPPED_LOW | (address & 0xffff_ffffL);
    }

    /** Sets an IPv4 destination address (host order int). */
    public void ipv4Destination(int address) {
        dstHigh = 0;
        dstLow = AddressPrefix.IPV4_MAPPED_LOW | (address & 0xffff_ffffL);
    }

    /** Whether the transport header carries ports this firewall can match (TCP, UDP, SCTP, UDP-Lite). */
    public boolean hasPorts() {
        return hasTransport && (protocol == Protocols.TCP || protocol == Protocols.UDP
                || protocol == Protocols.SCTP || protocol == Protocols.UDPLITE);
    }

    /** Whether the transport header is ICMP of the packet's own family (ICMP in IPv4, ICMPv6 in IPv6). */
    public boolean hasIcmp() {
        return hasTransport && ((family == 4 && protocol == Protocols.ICMP) || (family == 6 && protocol == Protocols.ICMPV6));
    }
}
