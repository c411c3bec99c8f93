package io.hypernf.sdk.nf;

/**
 * Makes NFs of one type ({@code forward}, {@code firewall}, ...). Each NF module contributes one
 * through {@link NfBindings#bind} (a Guice {@code MapBinder} keyed by {@link #type()}); the
 * factory itself is made by Guice, so it may take injected collaborators in its constructor.
 *
 * <p>{@link #create} reads the NF's settings through its {@code *Config} class, which validates
 * them and throws a {@link ConfigException} naming the key; settings it never reads are rejected
 * by the caller afterwards.
 */
public interface NfFactory {

    /** The type name used in configs and on the command line. */
    String type();

    /** One line for {@code hypernf list}. */
    String description();

    /** A new NF called {@code name}, configured from {@code settings}. */
    NetworkFunction create(String name, NfSettings settings);
}
