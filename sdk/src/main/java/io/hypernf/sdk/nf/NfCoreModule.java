package io.hypernf.sdk.nf;

import com.google.inject.AbstractModule;

/**
 * What every injector of the launcher holds besides the NF plugins' modules: the (possibly
 * empty) map of {@link NfFactory}s keyed by type, and the {@link PortOpener}.
 */
public final class NfCoreModule extends AbstractModule {
    private final PortOpener opener;

    public NfCoreModule(PortOpener opener) { this.opener = opener; }

    @Override
    protected void configure() {
        NfBindings.factories(binder());
        bind(PortOpener.class).toInstance(opener);
    }
}
