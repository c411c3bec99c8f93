package io.hypernf.nf.lb;

import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfFactory;
import io.hypernf.sdk.nf.NfSettings;
import java.io.UncheckedIOException;

/** Makes {@code lb} NFs: reads {@link LbConfig}, builds the registry, starts the control plane. */
public final class LbFactory implements NfFactory {
    public static final String TYPE = "lb";

    @Override public String type() { return TYPE; }

    @Override
    public String description() {
        return "L4 load balancer: Maglev hashing, connection tracking, full NAT or IPIP/GRE direct server return, run-time backend control";
    }

    @Override
    public NetworkFunction create(String name, NfSettings settings) {
        LbConfig config = LbConfig.from(settings);
        BackendRegistry registry;
        try {
            registry = new BackendRegistry(config);
        } catch (IllegalArgumentException e) {
            throw settings.error("services", e.getMessage());
        }
        try {
            return new LoadBalancer(name, config, registry, LbControlPlane.start(config, registry));
        } catch (IllegalArgumentException e) {
            throw settings.error("backends-file", e.getMessage());
        } catch (UncheckedIOException e) {
            throw settings.error(e.getMessage().startsWith("cannot listen") ? "control" : "backends-file", e.getMessage());
        }
    }
}
