package io.hypernf.nf.nat;

import io.hypernf.sdk.packet.Ipv4Addresses;

/**
 * A static 1:1 address mapping (RFC 2663 section 4.1 "static address assignment"): every packet
 * from {@code inside} leaves with source {@code outside}, every packet to {@code outside} enters
 * with destination {@code inside}; ports, all protocols and fragments pass unchanged otherwise.
 * Stateless, so it needs no session and is never filtered.
 */
public record StaticMapping(int inside, int outside) {

    @Override
    public String toString() {
        return Ipv4Addresses.format(inside) + " <-> " + Ipv4Addresses.format(outside);
    }
}
