package io.hypernf.nf.firewall;

/**
 * The answer a {@code reject} sends. {@link #AUTO} is a TCP RST for TCP and an "administratively
 * prohibited" unreachable otherwise, which is what a reader of the rule expects; the other values
 * force one answer (a forced {@code tcp-reset} applies to TCP only; other protocols then get the
 * admin-prohibited unreachable).
 */
public enum RejectWith {
    AUTO("auto"),
    TCP_RESET("tcp-reset"),
    /** ICMP type 3 code 13 (RFC 1812 §5.2.7.1) / ICMPv6 type 1 code 1 (RFC 4443 §3.1). */
    ADMIN_PROHIBITED("admin-prohibited"),
    /** ICMP type 3 code 3 (RFC 792) / ICMPv6 type 1 code 4 (RFC 4443 §3.1). */
    PORT_UNREACHABLE("port-unreachable");

    private final String keyword;

    RejectWith(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The answer of a keyword of the rule syntax, or null. */
    public static RejectWith byKeyword(String keyword) {
        for (RejectWith with : values()) {
            if (with.keyword.equals(keyword)) {
                return with;
            }
        }
        return null;
    }
}
