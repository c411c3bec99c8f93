package io.hypernf.nf.nat;

import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Addresses;

/**
 * A port forward (static NAPT mapping): TCP or UDP sent to {@code outsideAddress:outsidePort}
 * enters as {@code insideAddress:insidePort}, and that inside endpoint's own traffic leaves from
 * the outside endpoint. Permanent, and open to every remote whatever the filtering behaviour.
 */
public record PortForward(int protocol, int outsideAddress, int outsidePort, int insideAddress, int insidePort) {

    public PortForward {
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP) {
            throw new IllegalArgumentException("protocol " + protocol + " is not tcp (6) or udp (17)");
        }
        if (outsidePort < 1 || outsidePort > 65535 || insidePort < 1 || insidePort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535, got " + outsidePort + " and " + insidePort);
        }
    }

    @Override
    public String toString() {
        return (protocol == IpProtocol.TCP ? "tcp " : "udp ") + Ipv4Addresses.format(outsideAddress) + ":" + outsidePort
                + " -> " + Ipv4Addresses.format(insideAddress) + ":" + insidePort;
    }
}
