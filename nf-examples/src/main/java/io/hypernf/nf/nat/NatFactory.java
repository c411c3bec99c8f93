package io.hypernf.nf.nat;

import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;

/** Makes NATs from their settings; see {@link NatConfig} for the keys. */
public final class NatFactory implements NfFactory {
    public static final String TYPE = "nat";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "NAT44: masquerade to a pool (EIM/EIF or address-and-port-dependent), port forwards, 1:1, ICMP errors, hairpinning";
    }

    @Override
    public NetworkFunction create(String name, NfSettings settings) {
        return new Nat(name, NatConfig.from(settings));
    }
}
