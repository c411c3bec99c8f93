package io.hypernf.sdk.packet;

/**
 * What {@link PacketParser} learned about one frame, in primitive fields: a reusable result made
 * once per NF (or per thread) and overwritten by every {@link PacketParser#parse} call. Offsets are
 * absolute indices into the parsed buffer; a field that does not apply holds -1 (offsets, VLAN
 * ids, protocols) or 0 (addresses, ports, flags).
 *
 * <pre>
 *  frameOffset      l3Offset            l4Offset          payloadOffset            l3End   frameEnd
 *  | Ethernet | VLAN tags | IP header (+ ext./options) | TCP/UDP/ICMP header | data |  padding |
 * </pre>
 * {@link #l3End()} is where the IP datagram ends by its own length field; Ethernet padding (frames
 * under 60 bytes) lies between it and {@link #frameEnd()}.
 */
public final class ParsedPacket {
    PacketClass packetClass = PacketClass.MALFORMED_L2;
    MalformedReason malformedReason = MalformedReason.NONE;
    int frameOffset;
    int frameLength;
    int vlanCount;
    int outerVlanId;
    int innerVlanId;
    int etherType;
    int l3Offset;
    int l3End;
    int ipVersion;
    int l4Protocol;
    int l4Offset;
    int payloadOffset;
    int payloadLength;
    boolean fragment;
    int fragmentOffsetBytes;
    boolean moreFragments;
    int fragmentId;
    int ipv4Source;
    int ipv4Destination;
    long ipv6SourceHigh;
    long ipv6SourceLow;
    long ipv6DestinationHigh;
    long ipv6DestinationLow;
    int ipv6ExtensionHeaders;
    int sourcePort;
    int destinationPort;
    int tcpFlags;
    int icmpType;
    int icmpCode;
    int icmpIdentifier;
    boolean embedded;

    void reset(int offset, int length) {
        packetClass = PacketClass.MALFORMED_L2;
        malformedReason = MalformedReason.NONE;
        frameOffset = offset;
        frameLength = length;
        vlanCount = 0;
        outerVlanId = -1;
        innerVlanId = -1;
        etherType = -1;
        l3Offset = -1;
        l3End = -1;
        ipVersion = 0;
        l4Protocol = -1;
        l4Offset = -1;
        payloadOffset = -1;
        payloadLength = 0;
        fragment = false;
        fragmentOffsetBytes = 0;
        moreFragments = false;
        fragmentId = 0;
        ipv4Source = 0;
        ipv4Destination = 0;
        ipv6SourceHigh = 0;
        ipv6SourceLow = 0;
        ipv6DestinationHigh = 0;
        ipv6DestinationLow = 0;
        ipv6ExtensionHeaders = 0;
        sourcePort = 0;
        destinationPort = 0;
        tcpFlags = 0;
        icmpType = -1;
        icmpCode = -1;
        icmpIdentifier = -1;
        embedded = false;
    }

    public PacketClass packetClass() { return packetClass; }
    /** {@link MalformedReason#NONE} unless {@link #packetClass()} is a {@code MALFORMED_*} class. */
    public MalformedReason malformedReason() { return malformedReason; }
    public boolean isOk() { return packetClass.isOk(); }

    public int frameOffset() { return frameOffset; }
    public int frameLength() { return frameLength; }
    public int frameEnd() { return frameOffset + frameLength; }

    /** Number of VLAN tags (0, 1 for 802.1Q, 2 for QinQ, ...). */
    public int vlanCount() { return vlanCount; }
    /** VLAN id of the first (outer) tag, or -1. */
    public int outerVlanId() { return outerVlanId; }
    /** VLAN id of the second (inner, C-tag of QinQ) tag, or -1. */
    public int innerVlanId() { return innerVlanId; }

    /** The EtherType after all VLAN tags (the L3 protocol), an 802.3 length below 0x0600, or -1. */
    public int etherType() { return etherType; }
    /** Offset of the L3 header (after the EtherType), or -1 when the frame is shorter than its L2 headers. */
    public int l3Offset() { return l3Offset; }
    /** End of the L3 packet by its length field (IP total length, IPv6 payload length, ARP size); the frame end otherwise. */
    public int l3End() { return l3End; }
    /** 4, 6, or 0 when not IP. */
    public int ipVersion() { return ipVersion; }

    /** IPv4 protocol / IPv6 upper-layer Next Header, or -1 when not IP. */
    public int l4Protocol() { return l4Protocol; }
    /** Offset of the transport header, or -1 (not IP, or a non-first fragment). */
    public int l4Offset() { return l4Offset; }
    /** Offset of the first byte after the transport header (after the IP header when L4 is not parsed). */
    public int payloadOffset() { return payloadOffset; }
    /** Bytes of transport payload (for UDP as its length field says). */
    public int payloadLength() { return payloadLength; }

    /** Whether the datagram is a fragment (IPv4 MF or offset; IPv6 Fragment header with M or offset). */
    public boolean isFragment() { return fragment; }
    /** Whether this is a fragment other than the first one (no transport header inside). */
    public boolean isLaterFragment() { return fragment && fragmentOffsetBytes != 0; }
    public int fragmentOffsetBytes() { return fragmentOffsetBytes; }
    public boolean moreFragments() { return moreFragments; }
    /** IPv4 identification (16 bits) or IPv6 Fragment identification (32 bits, unsigned in an int). */
    public int fragmentId() { return fragmentId; }

    public int ipv4Source() { return ipv4Source; }
    public int ipv4Destination() { return ipv4Destination; }
    public long ipv6SourceHigh() { return ipv6SourceHigh; }
    public long ipv6SourceLow() { return ipv6SourceLow; }
    public long ipv6DestinationHigh() { return ipv6DestinationHigh; }
    public long ipv6DestinationLow() { return ipv6DestinationLow; }
    /** Extension headers walked before the upper layer (IPv6 only). */
    public int ipv6ExtensionHeaders() { return ipv6ExtensionHeaders; }

    /** TCP/UDP source port; 0 otherwise. */
    public int sourcePort() { return sourcePort; }
    /** TCP/UDP destination port; 0 otherwise. */
    public int destinationPort() { return destinationPort; }
    /** The nine TCP flag bits ({@link TcpHeader#SYN} ...); 0 when not TCP. */
    public int tcpFlags() { return tcpFlags; }
    /** ICMP / ICMPv6 type, or -1. */
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    /** Identifier of ICMP echo/timestamp or ICMPv6 echo messages, or -1 for other messages. */
    public int icmpIdentifier() { return icmpIdentifier; }

    /**
     * Whether this is the datagram quoted inside an ICMP error ({@link PacketParser#parseEmbedded}):
     * then the frame is the quoted part, {@link #l3End()} may cut the datagram short of its length
     * fields, and only the first 8 transport bytes (ports) are guaranteed.
     */
    public boolean isEmbedded() { return embedded; }

    @Override
    public String toString() {
        return packetClass + (malformedReason == MalformedReason.NONE ? "" : "(" + malformedReason + ")")
                + " len=" + frameLength + " vlans=" + vlanCount + " ethertype=0x" + Integer.toHexString(etherType)
                + " l3=" + l3Offset + " l4proto=" + l4Protocol + " l4=" + l4Offset + " payload=" + payloadOffset + "+" + payloadLength;
    }
}
