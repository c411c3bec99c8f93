package io.hypernf.sdk.nf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NF settings as {@link ChainConfigLoader} makes them from a YAML file, for the config tests of
 * the example NFs: the settings block sits at {@code at} and its key number i (in the order
 * given) is written on line {@code at.line() + 1 + i}, so error messages name a predictable
 * {@code file:line: key}.
 */
public final class WrittenSettings {
    private WrittenSettings() {}

    /** Settings from alternating keys and values ({@code "pool", "203.0.113.0/30", ...}). */
    public static NfSettings of(ConfigLocation at, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate; got " + keyValues.length + " arguments");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return of(at, values);
    }

    /** Settings holding {@code values}, lines numbered in the map's iteration order. */
    public static NfSettings of(ConfigLocation at, Map<String, Object> values) {
        Map<String, ConfigLocation> locations = new LinkedHashMap<>();
        int line = at.line() + 1;
        for (String key : values.keySet()) {
            locations.put(key, at.child(key, line++));
        }
        return new NfSettings(at, values, locations);
    }
}
