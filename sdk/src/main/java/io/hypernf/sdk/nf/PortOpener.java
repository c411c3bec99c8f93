package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import java.util.List;

/**
 * Opens ports from URIs for the runtime: the launcher binds one that knows every port scheme;
 * tests bind their own. Setup errors are exceptions that say what was wrong and what is accepted.
 */
public interface PortOpener {

    /** Opens {@code uri}, e.g. {@code pcap:in.pcap} or {@code afpacket:veth0}. */
    Port open(String uri);

    /** The schemes this opener accepts, with a one-line description each, for {@code hypernf list}. */
    List<String> schemes();
}
