package io.hypernf.nf.bridge;

import com.google.inject.AbstractModule;
import io.hypernf.sdk.nf.NfBindings;

/** Contributes the bridge's factory to the NF catalog under {@code bridge} (STYLE.md 7). */
public final class BridgeModule extends AbstractModule {
    @Override
    protected void configure() {
        NfBindings.bind(binder(), BridgeFactory.TYPE, BridgeFactory.class);
    }
}
