package io.hypernf.sdk.port;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Opens a port from its URI: {@link PortUri#parse} checks the text, then the {@link PortProvider}
 * registered for the scheme opens it. Providers are discovered once with {@link ServiceLoader}.
 */
public final class Ports {
    private Ports() {}

    private static final class Registry {
        static final Map<String, PortProvider> PROVIDERS = load();

        private static Map<String, PortProvider> load() {
            Map<String, PortProvider> map = new TreeMap<>();
            for (PortProvider provider : ServiceLoader.load(PortProvider.class, Ports.class.getClassLoader())) {
                PortProvider previous = map.put(provider.scheme(), provider);
                if (previous != null) {
                    throw new IllegalStateException("two port providers for scheme '" + provider.scheme() + "': "
                            + previous.getClass().getName() + " and " + provider.getClass().getName());
                }
            }
            return map;
        }
    }

    /** Parses {@code uri} and opens it; {@link IllegalArgumentException} for a bad URI, {@link PortException} when opening fails. */
    public static Port open(String uri) {
        return open(PortUri.parse(uri));
    }

    /** Opens an already parsed URI with its scheme's provider. */
    public static Port open(PortUri uri) {
        PortProvider provider = Registry.PROVIDERS.get(uri.scheme());
        if (provider == null) {
            throw new PortException("port '" + uri.text() + "': no provider for scheme '" + uri.scheme()
                    + "' is installed; installed: " + String.join(", ", Registry.PROVIDERS.keySet()));
        }
        return provider.open(uri);
    }

    /** The schemes that have a provider, sorted. */
    public static Set<String> schemes() {
        return Collections.unmodifiableSet(Registry.PROVIDERS.keySet());
    }
}
