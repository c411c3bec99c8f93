package io.hypernf.nf.firewall;

/**
 * What a rule (or the default policy) does with a packet it matches.
 *
 * <p>{@link #REJECT} drops the packet and answers its sender: a TCP RST for TCP (RFC 9293
 * §3.10.7.1), otherwise an ICMP / ICMPv6 destination unreachable whose code
 * {@link RejectWith} chooses (RFC 792, RFC 1812 §5.2.7.1, RFC 4443 §3.1).
 */
public enum RuleAction {
    ACCEPT("accept"),
    DROP("drop"),
    REJECT("reject");

    private final String keyword;

    RuleAction(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The action of a keyword of the rule syntax, or null. */
    public static RuleAction byKeyword(String keyword) {
        for (RuleAction action : values()) {
            if (action.keyword.equals(keyword)) {
                return action;
            }
        }
        return null;
    }
}
