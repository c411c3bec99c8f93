package io.hypernf.nf.nat;

import com.google.inject.Module;
import io.hypernf.sdk.nf.NfPlugin;

/** Found by {@link java.util.ServiceLoader} through {@code META-INF/services/io.hypernf.sdk.nf.NfPlugin}. */
public final class NatPlugin implements NfPlugin {
    @Override
    public Module module() {
        return new NatModule();
    }
}
