package io.hypernf.nf.firewall;

import com.google.inject.AbstractModule;
import io.hypernf.sdk.nf.NfBindings;

/** Contributes the firewall's factory to the NF catalog (STYLE.md 7: Guice at start-up only). */
public final class FirewallModule extends AbstractModule {
    @Override
    protected void configure() {
        NfBindings.bind(binder(), FirewallFactory.TYPE, FirewallFactory.class);
    }
}
