package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * A reusable walker over the IPv6 extension-header chain (RFC 8200 section 4): from the fixed
 * header to the upper-layer header, bounded by the packet's end and by {@link #MAX_HEADERS}.
 * <pre>
 *  IPv6 header | Hop-by-Hop | Routing | Fragment | Dest. Options | AH | upper layer (TCP, UDP, ICMPv6, ESP ...)
 *   next=0       next=43      next=44    next=60    next=51        next=6
 * </pre>
 * Generic extension headers (Hop-by-Hop, Routing, Destination Options) are
 * {@code (Hdr Ext Len + 1) * 8} bytes; Fragment is 8 bytes; AH is {@code (Payload Len + 2) * 4}
 * bytes (RFC 4302 2.2). The walk stops at any other Next Header value, at ESP (RFC 4303: the rest
 * is encrypted), at No Next Header (59), and at a Fragment header with a non-zero offset (the
 * following bytes are the middle of someone else's payload).
 *
 * <p>Results are in fields, read through accessors; nothing is allocated.
 */
public final class Ipv6ExtensionHeaders {
    /**
     * Most extension headers walked before giving up. RFC 8200 4.1 recommends at most one of each
     * (Destination Options twice), i.e. 6 plus AH; 8 leaves room and bounds the work per packet.
     */
    public static final int MAX_HEADERS = 8;

    private static final int FRAGMENT_HEADER_LENGTH = 8;

    private int upperLayerProtocol;
    private int upperLayerOffset;
    private int headerCount;
    private boolean fragment;
    private int fragmentOffsetBytes;
    private boolean moreFragments;
    private int fragmentId;
    private int fragmentHeaderOffset;
    private int routingHeaderOffset;
    private int finalDestinationOffset;

    /**
     * Walks the chain of the IPv6 packet at {@code ipv6Offset} whose last byte is before
     * {@code end} (the fixed header's end plus its payload length, already checked against the
     * frame). Returns {@link MalformedReason#NONE} or why the chain is malformed; never throws and
     * never reads at or beyond {@code end}.
     */
    public MalformedReason walk(ByteBuf buf, int ipv6Offset, int end) {
        upperLayerProtocol = -1;
        upperLayerOffset = -1;
        headerCount = 0;
        fragment = false;
        fragmentOffsetBytes = 0;
        moreFragments = false;
        fragmentId = 0;
        fragmentHeaderOffset = -1;
        routingHeaderOffset = -1;
        finalDestinationOffset = ipv6Offset + Ipv6Header.DESTINATION;

        int next = buf.getUnsignedByte(ipv6Offset + Ipv6Header.NEXT_HEADER);
        int at = ipv6Offset + Ipv6Header.LENGTH;
        while (true) {
            if (next == IpProtocol.HOP_BY_HOP && headerCount != 0) {
                return MalformedReason.HOP_BY_HOP_NOT_FIRST;
            }
            int length;
            switch (next) {
                case IpProtocol.HOP_BY_HOP:
                case IpProtocol.IPV6_ROUTING:
                case IpProtocol.IPV6_DESTINATION_OPTIONS:
                    if (at + 2 > end) {
                        return MalformedReason.TRUNCATED_IPV6_EXTENSION;
                    }
                    length = (buf.getUnsignedByte(at + 1) + 1) << 3;
                    if (next == IpProtocol.IPV6_ROUTING && routingHeaderOffset < 0 && at + length <= end) {
                        routingHeaderOffset = at;
                        finalDestinationOffset = finalDestination(buf, at, length, finalDestinationOffset);
                    }
                    break;
                case IpProtocol.IPV6_FRAGMENT:
                    if (at + FRAGMENT_HEADER_LENGTH > end) {
                        return MalformedReason.TRUNCATED_IPV6_EXTENSION;
                    }
                    length = FRAGMENT_HEADER_LENGTH;
                    int offsetFlags = buf.getUnsignedShort(at + 2);
                    fragmentHeaderOffset = at;
                    fragmentOffsetBytes = offsetFlags & 0xFFF8;
                    moreFragments = (offsetFlags & 1) != 0;
                    fragmentId = buf.getInt(at + 4);
                    fragment = fragmentOffsetBytes != 0 || moreFragments;
                    break;
                case IpProtocol.AH:
                    if (at + 2 > end) {
                        return MalformedReason.TRUNCATED_IPV6_EXTENSION;
                    }
                    length = (buf.getUnsignedByte(at + 1) + 2) << 2;
                    break;
                default:
                    upperLayerProtocol = next;
                    upperLayerOffset = at;
                    return MalformedReason.NONE;
            }
            if (at + length > end) {
                return MalformedReason.TRUNCATED_IPV6_EXTENSION;
            }
            if (++headerCount > MAX_HEADERS) {
                return MalformedReason.TOO_MANY_EXTENSION_HEADERS;
            }
            next = buf.getUnsignedByte(at);
            at += length;
            if (fragmentOffsetBytes != 0) {
                upperLayerProtocol = next;
                upperLayerOffset = -1;
                return MalformedReason.NONE;
            }
        }
    }

    /**
     * Where the final destination of a packet with a Routing header is (RFC 8200 8.1: the upper
     * layer checksum uses it): with segments left, the last address of a type 0 or type 2 header
     * (RFC 5095, RFC 6275 6.4) or Segment List[0] of a Segment Routing header (type 4, RFC 8754
     * 2); otherwise the IPv6 destination. Types this walker does not know keep the IPv6 destination.
     */
    private static int finalDestination(ByteBuf buf, int at, int length, int ipv6Destination) {
        int type = buf.getUnsignedByte(at + 2);
        int segmentsLeft = buf.getUnsignedByte(at + 3);
        int addresses = (length - 8) / 16;
        if (segmentsLeft == 0 || addresses == 0) {
            return ipv6Destination;
        }
        if (type == 0 || type == 2) {
            return at + 8 + 16 * (addresses - 1);
        }
        if (type == 4) {
            return at + 8;
        }
        return ipv6Destination;
    }

    /** Next Header value of the upper layer (TCP, UDP, ICMPv6, ESP, No Next Header ...); -1 before a walk succeeded. */
    public int upperLayerProtocol() { return upperLayerProtocol; }

    /** Offset of the upper-layer header; -1 for a non-first fragment, whose payload has no header. */
    public int upperLayerOffset() { return upperLayerOffset; }

    /** Extension headers walked. */
    public int headerCount() { return headerCount; }

    /** Whether a Fragment header with a non-zero offset or the M flag was seen (atomic fragments are not fragments). */
    public boolean isFragment() { return fragment; }

    public int fragmentOffsetBytes() { return fragmentOffsetBytes; }

    public boolean moreFragments() { return moreFragments; }

    /** The Fragment header's 32-bit identification. */
    public int fragmentId() { return fragmentId; }

    /** Offset of the Fragment header, or -1. */
    public int fragmentHeaderOffset() { return fragmentHeaderOffset; }

    /** Offset of the first Routing header, or -1 (its last address is the pseudo-header destination, RFC 8200 8.1). */
    public int routingHeaderOffset() { return routingHeaderOffset; }

    /**
     * Offset of the 16-byte address to use as the pseudo-header destination of the upper-layer
     * checksum: the IPv6 destination, or the final one named by the first Routing header.
     */
    public int finalDestinationOffset() { return finalDestinationOffset; }
}
