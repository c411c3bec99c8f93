package io.hypernf.nf.forward;

import com.google.inject.AbstractModule;
import io.hypernf.sdk.nf.NfBindings;

/** The forward NF's Guice module: adds its factory to the NF map under {@code forward}. */
public final class ForwardModule extends AbstractModule {
    @Override
    protected void configure() {
        NfBindings.bind(binder(), ForwardFactory.TYPE, ForwardFactory.class);
    }
}
