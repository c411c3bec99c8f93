package io.hypernf.sdk.nf;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import java.util.ServiceLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The Guice side of NF discovery: one {@code MapBinder<String, NfFactory>} keyed by NF type, to
 * which every NF module adds its factory, and the {@link java.util.ServiceLoader} lookup of
 * {@link NfPlugin}s.
 */
public final class NfBindings {
    private NfBindings() {}

    /** The map every NF module adds to. */
    public static MapBinder<String, NfFactory> factories(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, NfFactory.class);
    }

    /** Adds {@code factory} (made by Guice, constructor injection) under NF type {@code type}. */
    public static void bind(Binder binder, String type, Class<? extends NfFactory> factory) {
        factories(binder).addBinding(type).to(factory);
    }

    /** The modules of every {@link NfPlugin} on the class path of {@code loader}. */
    public static List<com.google.inject.Module> pluginModules(ClassLoader loader) {
        List<com.google.inject.Module> modules = new ArrayList<>();
        for (NfPlugin plugin : ServiceLoader.load(NfPlugin.class, loader)) {
            modules.add(plugin.module());
        }
        return modules;
    }
}
