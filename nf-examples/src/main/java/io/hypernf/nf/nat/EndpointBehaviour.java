package io.hypernf.nf.nat;

/**
 * How much of the remote endpoint a mapping or a filter depends on (RFC 4787 sections 4.1 and 5).
 * Address-dependent behaviour is not offered: it needs a third kind of key for little gain.
 */
public enum EndpointBehaviour {
    /** One mapping per inside endpoint, whoever the remote is; any remote may send to it (REQ-1, REQ-8 recommend). */
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    /** One mapping, or one permission, per inside endpoint and remote address and port (symmetric NAT). */
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

    private final String keyword;

    EndpointBehaviour(String keyword) {
        this.keyword = keyword;
    }

    /** The config spelling. */
    public String keyword() {
        return keyword;
    }

    /** The behaviour spelled {@code keyword}; callers pass only accepted spellings. */
    public static EndpointBehaviour byKeyword(String keyword) {
        for (EndpointBehaviour behaviour : values()) {
            if (behaviour.keyword.equals(keyword)) {
                return behaviour;
            }
        }
        throw new IllegalArgumentException("'" + keyword + "' is not accepted; accepted: endpoint-independent, address-and-port-dependent");
    }
}
