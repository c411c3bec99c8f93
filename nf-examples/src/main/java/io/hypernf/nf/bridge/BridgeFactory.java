package io.hypernf.nf.bridge;

import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;

/** Makes {@code bridge} NFs from their settings ({@link BridgeConfig}). */
public final class BridgeFactory implements NfFactory {
    public static final String TYPE = "bridge";

    @Override public String type() { return TYPE; }

    @Override
    public String description() { return "L2 MAC learning bridge like VALE: learn, forward, flood, age (ports, table-size, age)"; }

    @Override
    public NetworkFunction create(String name, NfSettings settings) {
        return new Bridge(name, BridgeConfig.from(settings));
    }
}
