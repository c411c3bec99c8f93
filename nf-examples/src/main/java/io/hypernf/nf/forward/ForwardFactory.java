package io.hypernf.nf.forward;

import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;

/** Makes {@code forward} NFs from their settings ({@link ForwardConfig}). */
public final class ForwardFactory implements NfFactory {
    public static final String TYPE = "forward";

    @Override public String type() { return TYPE; }

    @Override
    public String description() { return "L2 forwarder: in <-> out, optional MAC swap (mode: forward|mac-swap, reflect: bool)"; }

    @Override
    public NetworkFunction create(String name, NfSettings settings) {
        return new ForwardNf(name, ForwardConfig.from(settings));
    }
}
