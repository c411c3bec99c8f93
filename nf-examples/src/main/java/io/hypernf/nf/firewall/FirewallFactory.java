package io.hypernf.nf.firewall;

import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;

/** Makes firewalls from their settings; see {@link FirewallConfig} for the keys. */
public final class FirewallFactory implements NfFactory {
    public static final String TYPE = "firewall";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "stateful firewall: ordered rules (tuple-space classifier), connection tracking, reject with RST/ICMP";
    }

    @Override
    public NetworkFunction create(String name, NfSettings settings) {
        return new Firewall(name, FirewallConfig.from(settings));
    }
}
