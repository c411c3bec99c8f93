package io.hypernf.nf.lb;

import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Addresses;
import java.util.List;

/**
 * A virtual service: packets to {@code vip:port} over {@code protocol} (TCP or UDP) are balanced
 * over its backends. {@code name} is how the backends file and the control protocol refer to it.
 */
public record VirtualService(String name, int vip, int port, int protocol, List<Backend> backends) {

    public VirtualService {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("service name '" + name + "' must be one word");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside [1, 65535]");
        }
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw new IllegalArgumentException("protocol " + protocol + " is not TCP (6) or UDP (17)");
        }
        backends = List.copyOf(backends);
    }

    /** The service lookup key: address, port and protocol in one long. */
    public long key() { return key(vip, port, protocol); }

    static long key(int vip, int port, int protocol) {
        return (vip & 0xFFFF_FFFFL) << 24 | (long) port << 8 | protocol;
    }

    public String protocolName() { return protocol == IpProtocol.TCP ? "tcp" : "udp"; }

    @Override
    public String toString() {
        return name + " " + Ipv4Addresses.format(vip) + ":" + port + "/" + protocolName();
    }
}
