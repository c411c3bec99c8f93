package io.hypernf.sdk.nf;

/**
 * Where a configuration value came from, so that every error can name it: the file (or
 * {@code "command line"}), the 1-based line (0 when there is none) and the key path
 * ({@code nfs[1].type}, {@code --set mode}).
 */
public record ConfigLocation(String source, int line, String key) {

    /** The same place, one key deeper: {@code nfs[1]} then {@code .type} gives {@code nfs[1].type}. */
    public ConfigLocation child(String name, int childLine) {
        return new ConfigLocation(source, childLine, key.isEmpty() ? name : key + "." + name);
    }

    /** An error at this place: {@code chain.yaml:7: nfs[1].type 'firewal' is not a known NF; ...}. */
    public ConfigException error(String message) {
        return new ConfigException(this, message);
    }

    /** {@code file:line} or just the source when there is no line. */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }
}
