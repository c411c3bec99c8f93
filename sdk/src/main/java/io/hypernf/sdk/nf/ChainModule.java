package io.hypernf.sdk.nf;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Binds one chain config: its NFs come from the {@link NfCatalog} (so from whichever plugins are
 * installed) and its ports from the config through the {@link PortOpener}. The launcher asks the
 * injector for the {@link NfRuntime}, once.
 */
public final class ChainModule extends AbstractModule {
    private final ChainConfig config;

    public ChainModule(ChainConfig config) { this.config = config; }

    @Override
    protected void configure() {
        bind(ChainConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    ChainAssembler.Plan plan(ChainConfig chain, NfCatalog catalog) {
        return ChainAssembler.plan(chain, catalog);
    }

    @Provides
    @Singleton
    NfRuntime runtime(ChainAssembler.Plan plan, PortOpener opener) {
        return plan.open(opener);
    }
}
