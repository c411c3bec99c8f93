package io.hypernf.nf.lb;

/** How a balanced packet reaches its backend. */
public enum ForwardingMode {
    /** DNAT to the backend and SNAT to the LB address, so replies come back through the LB (VPP lb "NAT4"). */
    FULL_NAT("full-nat"),
    /** Direct server return: the packet unchanged inside an outer IPv4 header, protocol 4 (RFC 2003); Katran's mode. */
    IPIP("ipip"),
    /** Direct server return inside IPv4 + GRE, protocol 47 (RFC 2784), the header without optional fields; VPP lb "GRE4". */
    GRE("gre");

    private final String configName;

    ForwardingMode(String configName) { this.configName = configName; }

    public String configName() { return configName; }

    public static ForwardingMode byConfigName(String name) {
        for (ForwardingMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a forwarding mode; accepted: full-nat, ipip, gre");
    }
}
