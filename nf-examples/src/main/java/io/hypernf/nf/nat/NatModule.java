package io.hypernf.nf.nat;

import com.google.inject.AbstractModule;
import io.hypernf.sdk.nf.NfBindings;

/** Contributes the NAT's factory to the NF catalog (STYLE.md 7: Guice at start-up only). */
public final class NatModule extends AbstractModule {
    @Override
    protected void configure() {
        NfBindings.bind(binder(), NatFactory.TYPE, NatFactory.class);
    }
}
