package io.hypernf.sdk.nf;

import com.google.inject.Module;

/**
 * How a jar contributes NFs without the SDK knowing them: it lists an implementation in
 * {@code META-INF/services/io.hypernf.sdk.nf.NfPlugin}; the launcher loads every plugin with
 * {@link java.util.ServiceLoader} and installs its Guice module, whose {@link NfBindings#bind}
 * calls add the plugin's {@link NfFactory}s.
 */
public interface NfPlugin {

    /** The Guice module of this plugin's NFs. */
    Module module();
}
