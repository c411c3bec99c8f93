package io.hypernf.sdk.nf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one NF as written in the config ({@code nfs[i].settings}) or on the command line
 * ({@code --set key=value}): a tree of strings, lists and maps that remembers where each value was
 * written. An NF's {@code *Config} class reads it with the typed getters, which apply defaults and
 * validate; every error names the file, line and key ({@code chain.yaml:9:
 * nfs[0].settings.mode 'swap' is not accepted; accepted: forward, mac-swap}).
 *
 * <p>Keys the Config class never asked for are reported by {@link #rejectUnknownKeys} after the NF
 * is made, so a typo cannot be silently ignored. Used at start-up only.
 */
public final class NfSettings {
    private final ConfigLocation location;
    private final Map<String, Object> values;
    private final Map<String, ConfigLocation> locations;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * Settings at {@code location}; {@code values} maps each key to a {@link String}, a
     * {@code List} of strings or of nested {@code NfSettings}, or a nested {@code NfSettings}, and
     * {@code locations} says where each key was written, and where each item of a list value was
     * written under {@link #itemKey}.
     */
    public NfSettings(ConfigLocation location, Map<String, Object> values, Map<String, ConfigLocation> locations) {
        this.location = location;
        this.values = new LinkedHashMap<>(values);
        this.locations = new LinkedHashMap<>(locations);
    }

    /** No settings at all (every getter returns its default). */
    public static NfSettings empty(ConfigLocation location) {
        return new NfSettings(location, Map.of(), Map.of());
    }

    /** Where these settings were written. */
    public ConfigLocation location() { return location; }

    /** Where {@code key} was written, or where it would have been. */
    public ConfigLocation location(String key) {
        ConfigLocation at = locations.get(key);
        return at != null ? at : location.child(key, location.line());
    }

    /**
     * Where item {@code index} of the list under {@code key} was written (its own line in a YAML
     * file), or the list's own place when the source kept no per-item lines (the command line).
     */
    public ConfigLocation location(String key, int index) {
        ConfigLocation at = locations.get(itemKey(key, index));
        if (at != null) {
            return at;
        }
        ConfigLocation list = location(key);
        return new ConfigLocation(list.source(), list.line(), list.key() + "[" + index + "]");
    }

    /** The key under which a source records the place of a list item: {@code rules[3]}. */
    public static String itemKey(String key, int index) {
        return key + "[" + index + "]";
    }

    /** An error about {@code key}, for checks the getters cannot make (ranges that depend on each other, formats). */
    public ConfigException error(String key, String message) {
        read.add(key);
        return location(key).error(message);
    }

    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    /** The keys that were written, in order. */
    public Set<String> keys() { return Collections.unmodifiableSet(values.keySet()); }

    public String string(String key, String defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s)) {
            throw location(key).error("must be a single value, not " + describe(value));
        }
        return s;
    }

    /** A required string: an error naming the key when it is missing. */
    public String string(String key) {
        String value = string(key, null);
        if (value == null) {
            throw location(key).error("is required");
        }
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.decode(text.trim());
            if (value < min || value > max) {
                throw location(key).error(value + " is outside [" + min + ", " + max + "]");
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw location(key).error("'" + text + "' is not an integer; accepted: " + min + ".." + max);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
            default: throw location(key).error("'" + text + "' is not a boolean; accepted: true, false");
        }
    }

    /**
     * A duration: whole seconds, or a whole number with a unit {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 300}, {@code 5m}, {@code 2h}); the error names the key, the value, the
     * accepted forms and {@code min} when the value is below it.
     */
    public Duration duration(String key, Duration defaultValue, Duration min) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        String digits = text.strip();
        long unitSeconds = 1;
        if (!digits.isEmpty()) {
            int unit = "smhd".indexOf(digits.charAt(digits.length() - 1));
            if (unit >= 0) {
                unitSeconds = new long[] {1, 60, 3600, 86400}[unit];
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw location(key).error("'" + text + "' is not a duration; accepted: seconds, or a number with s, m, h or d (30, 30s, 5m, 2h, 1d)");
        }
        Duration value = Duration.ofSeconds(Long.parseLong(digits) * unitSeconds);
        if (value.compareTo(min) < 0) {
            throw location(key).error("'" + text + "' is below the minimum of " + min.toSeconds() + " s");
        }
        return value;
    }

    /** One of {@code accepted}; the error lists them. */
    public String choice(String key, String defaultValue, String... accepted) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        for (String a : accepted) {
            if (a.equals(text)) {
                return a;
            }
        }
        throw location(key).error("'" + text + "' is not accepted; accepted: " + String.join(", ", accepted));
    }

    /** A list of strings; a single value, or a comma-separated one from the command line, is a list too. */
    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw location(key).error("[" + i + "] must be a single value, not " + describe(list.get(i)));
                }
                out.add(s);
            }
            return out;
        }
        throw location(key).error("must be a list of values, not " + describe(value));
    }

    /** A nested map of settings (an empty one when the key is missing). */
    public NfSettings child(String key) {
        Object value = get(key);
        if (value == null) {
            return empty(location(key));
        }
        if (value instanceof NfSettings nested) {
            return nested;
        }
        throw location(key).error("must be a map of settings, not " + describe(value));
    }

    /** A list of nested maps of settings, such as firewall rules (empty when the key is missing). */
    public List<NfSettings> list(String key) {
        Object value = get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw location(key).error("must be a list of maps, not " + describe(value));
        }
        List<NfSettings> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof NfSettings nested)) {
                throw location(key).error("[" + i + "] must be a map of settings, not " + describe(items.get(i)));
            }
            out.add(nested);
        }
        return out;
    }

    /**
     * Fails on the first key no getter asked for, listing the keys that were asked for, so a typo
     * is an error instead of a silently ignored setting. Nested settings are checked too.
     */
    public void rejectUnknownKeys(String nfType) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!read.contains(e.getKey())) {
                String known = read.isEmpty() ? "(none)" : String.join(", ", read);
                throw location(e.getKey()).error("is not a setting of NF type '" + nfType + "'; known: " + known);
            }
            if (e.getValue() instanceof NfSettings nested) {
                nested.rejectUnknownKeys(nfType);
            } else if (e.getValue() instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof NfSettings nested) {
                        nested.rejectUnknownKeys(nfType);
                    }
                }
            }
        }
    }

    private Object get(String key) {
        read.add(key);
        return values.get(key);
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof NfSettings) {
            return "a map";
        }
        return "'" + value + "'";
    }
}
