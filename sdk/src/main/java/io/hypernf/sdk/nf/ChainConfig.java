package io.hypernf.sdk.nf;

import java.util.List;

/**
 * A parsed chain config: named ports, NFs with their settings, the wiring, and run options —
 * every part with the place it was written, so the checks that need the NF catalog or the port
 * schemes ({@link ChainAssembler}) can still name file, line and key.
 *
 * @param source the file name (or {@code "command line"})
 */
public record ChainConfig(String source, List<PortSpec> ports, List<NfSpec> nfs, List<Wire> wires, RunOptions run) {

    /** The source name of configs built from command-line options. */
    public static final String COMMAND_LINE = "command line";

    /** {@code ports: {NAME: URI}}. */
    public record PortSpec(String name, String uri, ConfigLocation location) {}

    /** One entry of {@code nfs:}. */
    public record NfSpec(String name, String type, ConfigLocation location, ConfigLocation typeLocation, NfSettings settings) {}

    /**
     * One line of {@code chain:}: NF port {@code nf.nfPort} connects to external port
     * {@code target}, or, when {@code targetPort} is set, to port {@code targetPort} of NF {@code target}.
     */
    public record Wire(String nf, String nfPort, String target, String targetPort, ConfigLocation location) {
        public boolean toNf() { return targetPort != null; }
    }
}
