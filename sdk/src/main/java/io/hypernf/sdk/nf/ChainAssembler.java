package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ChainConfig} into a running {@link NfRuntime} in two steps, so that every
 * mistake is reported with its file, line and key before anything is opened:
 * {@link #plan} makes the NFs (their Config classes validate the settings) and checks the wiring;
 * {@link Plan#open} then opens the ports (closing those already open when one fails) and builds
 * the runtime.
 */
public final class ChainAssembler {
    private ChainAssembler() {}

    /** NFs made and wiring checked; no port opened yet. */
    public static final class Plan {
        private final ChainConfig config;
        private final Map<String, NetworkFunction> nfs;

        private Plan(ChainConfig config, Map<String, NetworkFunction> nfs) {
            this.config = config;
            this.nfs = nfs;
        }

        public ChainConfig config() { return config; }

        /** The NFs by name, in config order. */
        public Map<String, NetworkFunction> nfs() { return nfs; }

        /**
         * Opens every port and builds the runtime, which then owns the ports. A URI the opener
         * rejects ({@link IllegalArgumentException}) is a {@link ConfigException} at that port's
         * line; other failures (missing device, permission) propagate as they are, with the port
         * named.
         */
        public NfRuntime open(PortOpener opener) {
            List<Port> opened = new ArrayList<>();
            try {
                NfRuntime.Builder builder = NfRuntime.builder(config.run());
                for (ChainConfig.PortSpec spec : config.ports()) {
                    Port port;
                    try {
                        port = opener.open(spec.uri());
                    } catch (IllegalArgumentException e) {
                        throw spec.location().error("'" + spec.uri() + "' is not a usable port URI: " + e.getMessage());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(spec.location().where() + ": port '" + spec.name() + "' ("
                                + spec.uri() + ") cannot be opened: " + e.getMessage(), e);
                    }
                    opened.add(port);
                    builder.port(spec.name(), port);
                }
                nfs.forEach(builder::nf);
                for (ChainConfig.Wire wire : config.wires()) {
                    if (wire.toNf()) {
                        builder.link(wire.nf(), wire.nfPort(), wire.target(), wire.targetPort());
                    } else {
                        builder.connect(wire.nf(), wire.nfPort(), wire.target());
                    }
                }
                return builder.build();
            } catch (RuntimeException e) {
                for (Port port : opened) {
                    try {
                        port.close();
                    } catch (RuntimeException closeFailure) {
                        e.addSuppressed(closeFailure);
                    }
                }
                throw e;
            }
        }
    }

    /** Makes the NFs and checks the wiring; every error is a {@link ConfigException}. */
    public static Plan plan(ChainConfig config, NfCatalog catalog) {
        Map<String, ChainConfig.PortSpec> ports = new LinkedHashMap<>();
        for (ChainConfig.PortSpec spec : config.ports()) {
            ports.put(spec.name(), spec);
        }
        Map<String, NetworkFunction> nfs = new LinkedHashMap<>();
        Map<String, ChainConfig.NfSpec> specs = new HashMap<>();
        for (ChainConfig.NfSpec spec : config.nfs()) {
            ChainConfig.NfSpec first = specs.get(spec.name());
            if (first != null) {
                throw spec.location().child("name", spec.location().line())
                        .error("'" + spec.name() + "' is already the name of " + first.location().key() + " (line " + first.location().line() + ")");
            }
            specs.put(spec.name(), spec);
            nfs.put(spec.name(), catalog.create(spec.name(), spec.type(), spec.typeLocation(), spec.settings()));
        }

        Map<String, ConfigLocation> nfPortWiredAt = new HashMap<>();
        Map<String, ConfigLocation> portWiredAt = new HashMap<>();
        for (ChainConfig.Wire wire : config.wires()) {
            ConfigLocation at = wire.location();
            checkNfPort(wire.nf(), wire.nfPort(), nfs, at, nfPortWiredAt);
            if (wire.toNf()) {
                if (wire.target().equals(wire.nf())) {
                    throw at.error("links NF '" + wire.nf() + "' to itself; link ports of two different NFs");
                }
                checkNfPort(wire.target(), wire.targetPort(), nfs, at, nfPortWiredAt);
            } else {
                if (!ports.containsKey(wire.target())) {
                    throw at.error("port '" + wire.target() + "' is not defined under 'ports'; defined: "
                            + (ports.isEmpty() ? "(none)" : String.join(", ", ports.keySet()))
                            + " (to link to an NF port, write NF.PORT)");
                }
                ConfigLocation before = portWiredAt.putIfAbsent(wire.target(), at);
                if (before != null) {
                    throw at.error("port '" + wire.target() + "' is already wired by " + before.key() + " (line " + before.line()
                            + "); a port feeds exactly one NF port");
                }
            }
        }
        for (ChainConfig.NfSpec spec : config.nfs()) {
            for (String port : nfs.get(spec.name()).portNames()) {
                if (!nfPortWiredAt.containsKey(spec.name() + "." + port)) {
                    String hint = config.source().equals(ChainConfig.COMMAND_LINE) ? "add --port " + port + "=URI"
                            : "add '" + spec.name() + "." + port + ": PORT' under chain";
                    throw spec.location().error("port '" + port + "' of NF '" + spec.name() + "' is not wired; " + hint);
                }
            }
        }
        for (ChainConfig.PortSpec spec : config.ports()) {
            if (!portWiredAt.containsKey(spec.name())) {
                throw spec.location().error("is not wired to any NF port; wire it under chain or remove it");
            }
        }
        return new Plan(config, nfs);
    }

    private static void checkNfPort(String nf, String port, Map<String, NetworkFunction> nfs, ConfigLocation at,
                                    Map<String, ConfigLocation> wiredAt) {
        NetworkFunction function = nfs.get(nf);
        if (function == null) {
            throw at.error("names NF '" + nf + "', which is not defined under 'nfs'; defined: " + String.join(", ", nfs.keySet()));
        }
        if (!function.portNames().contains(port)) {
            throw at.error("names port '" + port + "' of NF '" + nf + "', which has ports: " + String.join(", ", function.portNames()));
        }
        ConfigLocation before = wiredAt.putIfAbsent(nf + "." + port, at);
        if (before != null) {
            throw at.error("wires " + nf + "." + port + " a second time (first: " + before.key() + ", line " + before.line() + ")");
        }
    }
}
