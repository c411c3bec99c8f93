package io.hypernf.sdk.port;

/**
 * Opens the ports of one URI scheme. Implementations are found by {@link Ports} through
 * {@link java.util.ServiceLoader}: a provider class with a public no-argument constructor, listed
 * in {@code META-INF/services/io.hypernf.sdk.port.PortProvider}. Providers never parse URIs:
 * they receive the record {@link PortUri#parse} made for their scheme.
 */
public interface PortProvider {

    /** The scheme served, without the colon: one of {@link PortUri}'s ({@code pcap}, ...). */
    String scheme();

    /**
     * Opens a port. {@code uri.scheme()} equals {@link #scheme()}. Setup failures throw
     * {@link PortException} naming the URI and the cause.
     */
    Port open(PortUri uri);
}
