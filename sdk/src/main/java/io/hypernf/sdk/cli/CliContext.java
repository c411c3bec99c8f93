package io.hypernf.sdk.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.hypernf.sdk.nf.NfCoreModule;
import io.hypernf.sdk.nf.PortOpener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the commands run with: the NF plugin modules (from {@link java.util.ServiceLoader} in
 * {@link HypernfCommand#main}, given directly by tests), the port opener, and the output streams.
 */
public record CliContext(List<Module> plugins, PortOpener opener, PrintStream out, PrintStream err, boolean handleSignals) {

    /** An injector of the core module, the plugins and {@code extra}. */
    Injector injector(Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(new NfCoreModule(opener));
        modules.addAll(plugins);
        modules.addAll(List.of(extra));
        return Guice.createInjector(modules);
    }
}
