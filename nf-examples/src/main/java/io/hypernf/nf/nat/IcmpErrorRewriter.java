package io.hypernf.nf.nat;

import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.InternetChecksum;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Header;
import io.netty.buffer.ByteBuf;

/**
 * Reads and rewrites the datagram embedded in an ICMPv4 error (RFC 792; RFC 5508, ICMP error
 * payload translation: a NAT translates the embedded IP header and transport ports the opposite way to the outer
 * header, and fixes every checksum they touch):
 * <pre>
 *  outer IP | ICMP type code checksum unused(4) | inner IP header | inner TCP/UDP/ICMP (>= 8 bytes)
 *                        ^ covers everything after it      ^ own checksum  ^ ports / identifier, checksum
 * </pre>
 * Every 16-bit word changed inside the ICMP message (addresses, ports, the inner IP and transport
 * checksums) also patches the outer ICMP checksum by RFC 1624, so nothing is summed from scratch
 * and an already wrong checksum stays wrong. The inner transport checksum is patched only if the
 * quoted bytes include it (a router may quote just 8 bytes of TCP; RFC 1812 4.3.2.3 asks for more).
 * All offsets are bounds-checked against the outer datagram's end; nothing allocates.
 */
final class IcmpErrorRewriter {
    /** Bytes of transport header RFC 792 requires in the quote: enough for the ports. */
    private static final int MIN_INNER_TRANSPORT = 8;

    private ByteBuf buf;
    private int icmpOffset;
    private int end;
    private int inner;
    private int innerL4;
    private int innerProtocol;
    private int innerSourcePort;
    private int innerDestinationPort;

    /**
     * Points at the error message at {@code icmpOffset} of a datagram ending at {@code end}.
     * Returns false when the quote is too short, not IPv4, a later fragment (no ports), or an ICMP
     * message other than a query (an error about an error is never sent, RFC 1122 3.2.2).
     */
    boolean wrap(ByteBuf buffer, int icmpAt, int datagramEnd) {
        this.buf = buffer;
        this.icmpOffset = icmpAt;
        this.end = datagramEnd;
        this.inner = icmpAt + IcmpHeader.EMBEDDED;
        if (inner + Ipv4Header.MIN_LENGTH > end) {
            return false;
        }
        int versionIhl = buf.getUnsignedByte(inner);
        int headerLength = (versionIhl & 0x0F) << 2;
        if (versionIhl >>> 4 != 4 || headerLength < Ipv4Header.MIN_LENGTH) {
            return false;
        }
        innerL4 = inner + headerLength;
        if (innerL4 + MIN_INNER_TRANSPORT > end) {
            return false;
        }
        if ((buf.getUnsignedShort(inner + Ipv4Header.FLAGS_FRAGMENT_OFFSET) & Ipv4Header.FRAGMENT_OFFSET_MASK) != 0) {
            return false;
        }
        innerProtocol = buf.getUnsignedByte(inner + Ipv4Header.PROTOCOL);
        if (innerProtocol == IpProtocol.TCP || innerProtocol == IpProtocol.UDP) {
            innerSourcePort = buf.getUnsignedShort(innerL4);
            innerDestinationPort = buf.getUnsignedShort(innerL4 + 2);
            return true;
        }
        if (innerProtocol == IpProtocol.ICMP && IcmpHeader.isQueryType(buf.getUnsignedByte(innerL4))) {
            innerSourcePort = buf.getUnsignedShort(innerL4 + IcmpHeader.IDENTIFIER);
            innerDestinationPort = innerSourcePort;
            return true;
        }
        return false;
    }

    int innerProtocol() { return innerProtocol; }
    int innerSource() { return buf.getInt(inner + Ipv4Header.SOURCE); }
    int innerDestination() { return buf.getInt(inner + Ipv4Header.DESTINATION); }
    /** TCP/UDP source port, or the ICMP query identifier. */
    int innerSourcePort() { return innerSourcePort; }
    /** TCP/UDP destination port, or the ICMP query identifier. */
    int innerDestinationPort() { return innerDestinationPort; }
    /** The quoted ICMP query's type (meaningful when the inner protocol is ICMP). */
    int innerIcmpType() { return buf.getUnsignedByte(innerL4); }

    /** Rewrites the inner source address and, when {@code port >= 0}, its port or identifier. */
    void rewriteInnerSource(int address, int port) {
        rewrite(inner + Ipv4Header.SOURCE, address, port, 0);
    }

    /** Rewrites the inner destination address and, when {@code port >= 0}, its port or identifier. */
    void rewriteInnerDestination(int address, int port) {
        rewrite(inner + Ipv4Header.DESTINATION, address, port, 2);
    }

    private void rewrite(int addressAt, int address, int port, int portField) {
        int oldAddress = buf.getInt(addressAt);
        if (oldAddress != address) {
            set32(addressAt, address);
            int ipChecksumAt = inner + Ipv4Header.CHECKSUM;
            set16(ipChecksumAt, InternetChecksum.update32(buf.getUnsignedShort(ipChecksumAt), oldAddress, address));
            if (innerProtocol == IpProtocol.TCP) {
                patchTransport(innerL4 + 16, oldAddress, address, false);
            } else if (innerProtocol == IpProtocol.UDP) {
                patchTransport(innerL4 + 6, oldAddress, address, true);
            }
        }
        if (port < 0) {
            return;
        }
        int portAt = innerProtocol == IpProtocol.ICMP ? innerL4 + IcmpHeader.IDENTIFIER : innerL4 + portField;
        int oldPort = buf.getUnsignedShort(portAt);
        if (oldPort == port) {
            return;
        }
        set16(portAt, port);
        int checksumAt = innerProtocol == IpProtocol.TCP ? innerL4 + 16
                : innerProtocol == IpProtocol.UDP ? innerL4 + 6 : innerL4 + IcmpHeader.CHECKSUM;
        if (checksumAt + 2 > end) {
            return;
        }
        int checksum = buf.getUnsignedShort(checksumAt);
        if (innerProtocol == IpProtocol.UDP && checksum == 0) {
            return;
        }
        int updated = InternetChecksum.update16(checksum, oldPort, port);
        set16(checksumAt, innerProtocol == IpProtocol.UDP && updated == 0 ? 0xFFFF : updated);
    }

    /** A pseudo-header address change in the inner TCP/UDP checksum, if it was quoted (UDP: 0 stays 0). */
    private void patchTransport(int checksumAt, int oldAddress, int address, boolean udp) {
        if (checksumAt + 2 > end) {
            return;
        }
        int checksum = buf.getUnsignedShort(checksumAt);
        if (udp && checksum == 0) {
            return;
        }
        int updated = InternetChecksum.update32(checksum, oldAddress, address);
        set16(checksumAt, udp && updated == 0 ? 0xFFFF : updated);
    }

    /** Writes a 16-bit word inside the ICMP message (at an even offset from it) and patches the ICMP checksum. */
    private void set16(int at, int value) {
        int old = buf.getUnsignedShort(at);
        int checksumAt = icmpOffset + IcmpHeader.CHECKSUM;
        buf.setShort(checksumAt, InternetChecksum.update16(buf.getUnsignedShort(checksumAt), old, value));
        buf.setShort(at, value);
    }

    private void set32(int at, int value) {
        int old = buf.getInt(at);
        int checksumAt = icmpOffset + IcmpHeader.CHECKSUM;
        buf.setShort(checksumAt, InternetChecksum.update32(buf.getUnsignedShort(checksumAt), old, value));
        buf.setInt(at, value);
    }
}
