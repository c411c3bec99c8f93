package io.hypernf.sdk.nf;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every NF type the installed modules contributed, by name. Made by Guice from the
 * {@link NfBindings} map; makes NFs from configs with errors that list the known types.
 */
public final class NfCatalog {
    private final Map<String, NfFactory> factories;

    @Inject
    public NfCatalog(Map<String, NfFactory> factories) {
        this.factories = new TreeMap<>(factories);
        for (Map.Entry<String, NfFactory> e : this.factories.entrySet()) {
            if (!e.getKey().equals(e.getValue().type())) {
                throw new IllegalStateException("NF factory " + e.getValue().getClass().getName() + " of type '"
                        + e.getValue().type() + "' is bound under '" + e.getKey() + "'");
            }
        }
    }

    /** Known types, sorted. */
    public List<String> types() { return List.copyOf(factories.keySet()); }

    public NfFactory factory(String type) { return factories.get(type); }

    /**
     * Makes NF {@code name} of {@code type}: an error at {@code typeLocation} when the type is
     * unknown, errors from the NF's Config class ({@link ConfigException}s as they are, an
     * {@link IllegalArgumentException} placed at the NF's settings), and an error for each
     * setting it did not read.
     */
    public NetworkFunction create(String name, String type, ConfigLocation typeLocation, NfSettings settings) {
        NfFactory factory = factories.get(type);
        if (factory == null) {
            throw typeLocation.error("'" + type + "' is not a known NF; known: "
                    + (factories.isEmpty() ? "(none installed)" : String.join(", ", factories.keySet())));
        }
        NetworkFunction nf;
        try {
            nf = factory.create(name, settings);
        } catch (IllegalArgumentException e) {
            // A Config class that validates with plain exceptions still gets its error placed.
            throw settings.location().error("of NF '" + name + "' rejected: " + e.getMessage());
        }
        settings.rejectUnknownKeys(type);
        if (nf.portNames().isEmpty()) {
            throw new IllegalStateException("NF '" + name + "' of type '" + type + "' declares no ports");
        }
        return nf;
    }
}
