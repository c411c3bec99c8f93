package io.hypernf.sdk.nf;

/**
 * A configuration error: the message names the file, the line and the key, then what was wrong
 * and what is accepted, e.g. {@code chain.yaml:7: nfs[1].type 'firewal' is not a known NF; known:
 * firewall, forward}. The command line turns it into exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ConfigLocation location;

    public ConfigException(ConfigLocation location, String problem) {
        super(location.where() + ": " + (location.key().isEmpty() ? "" : location.key() + " ") + problem);
        this.location = location;
    }

    public ConfigLocation location() { return location; }
}
