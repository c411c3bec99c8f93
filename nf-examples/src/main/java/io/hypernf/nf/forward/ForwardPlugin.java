package io.hypernf.nf.forward;

import com.google.inject.Module;
import io.hypernf.sdk.nf.NfPlugin;

/** Registers {@link ForwardModule} with the launcher (META-INF/services/io.hypernf.sdk.nf.NfPlugin). */
public final class ForwardPlugin implements NfPlugin {
    @Override
    public Module module() { return new ForwardModule(); }
}
