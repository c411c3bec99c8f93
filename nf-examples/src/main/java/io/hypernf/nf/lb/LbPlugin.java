package io.hypernf.nf.lb;

import com.google.inject.Module;
import io.hypernf.sdk.nf.NfPlugin;

/** Found by {@link java.util.ServiceLoader} through {@code META-INF/services/io.hypernf.sdk.nf.NfPlugin}. */
public final class LbPlugin implements NfPlugin {
    @Override
    public Module module() { return new LbModule(); }
}
