package io.hypernf.nf.lb;

import com.google.inject.AbstractModule;
import io.hypernf.sdk.nf.NfBindings;

/** Contributes the load balancer's factory to the NF catalog under {@code lb} (STYLE.md 7). */
public final class LbModule extends AbstractModule {
    @Override
    protected void configure() {
        NfBindings.bind(binder(), LbFactory.TYPE, LbFactory.class);
    }
}
