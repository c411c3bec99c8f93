package io.hypernf.nf.firewall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads rules in the syntax of {@code RULES.md} (next to this file), one rule a line:
 *
 * <pre>
 * action [with ANSWER] [in|out] [on PORT,...] [inet|inet6] [proto P]
 *        [from ADDR [port PORTS]] [to ADDR [port PORTS]]
 *        [icmp-type T [code C]] [flags VALUE/MASK] [keep state|no state]
 * </pre>
 *
 * A bad line throws a {@link RuleSyntaxException} whose message is {@code file:line: what is
 * wrong}; the whole file is rejected, so a typo can never silently open a hole.
 */
public final class RuleParser {
    private static final String KEYWORDS =
            "with, in, out, on, inet, inet6, proto, from, to, port, icmp-type, code, flags, keep state, no state";
    private static final String TCP_FLAG_LETTERS = "FSRPAUEW";

    private final List<String> portNames;

    /** {@code portNames}: the firewall's port names in index order, for {@code on NAME}. */
    public RuleParser(List<String> portNames) {
        if (portNames.size() > 64) {
            throw new IllegalArgumentException("firewall: at most 64 ports can be named in rules, got " + portNames.size());
        }
        this.portNames = List.copyOf(portNames);
    }

    /** Parses a rules file; a missing or unreadable file is an error naming it. */
    public List<Rule> parseFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("firewall: cannot read rules file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    /** Parses {@code lines} as the content of {@code fileName}; blank lines and {@code #} comments are skipped. */
    public List<Rule> parse(String fileName, List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            text = text.strip();
            if (!text.isEmpty()) {
                rules.add(new LineParser(fileName, i + 1, text).parse());
            }
        }
        return rules;
    }

    /** The state of parsing one line. */
    private final class LineParser {
        private final String file;
        private final int line;
        private final String text;
        private final String[] tokens;
        private int next;

        private RuleAction action;
        private RejectWith rejectWith = RejectWith.AUTO;
        private Boolean keepState;
        private int direction;
        private long inputPortMask;
        private int family;
        private int protocol = -1;
        private AddressPrefix source;
        private AddressPrefix destination;
        private int[] sourcePorts;
        private int[] destinationPorts;
        private int icmpType = -1;
        private int icmpCode = -1;
        private String icmpTypeText;
        private int flagsValue;
        private int flagsMask;
        private boolean sawPorts;
        private boolean sawFlags;

        LineParser(String file, int line, String text) {
            this.file = file;
            this.line = line;
            this.text = text;
            this.tokens = text.split("\\s+");
        }

        Rule parse() {
            String first = tokens[next++];
            action = RuleAction.byKeyword(first);
            if (action == null) {
                throw error("a rule starts with accept, drop or reject, not '" + first + "'");
            }
            while (next < tokens.length) {
                String keyword = tokens[next++];
                switch (keyword) {
                    case "with" -> parseWith();
                    case "in", "out" -> {
                        once(direction == 0, "direction (in/out)");
                        direction = keyword.equals("in") ? PacketFields.DIRECTION_IN : PacketFields.DIRECTION_OUT;
                    }
                    case "on" -> parsePorts();
                    case "inet", "inet6" -> {
                        once(family == 0, "address family (inet/inet6)");
                        family = keyword.equals("inet") ? 4 : 6;
                    }
                    case "proto" -> parseProtocol();
                    case "from" -> {
                        once(source == null, "'from'");
                        source = address("from");
                        sourcePorts = optionalPorts();
                    }
                    case "to" -> {
                        once(destination == null, "'to'");
                        destination = address("to");
                        destinationPorts = optionalPorts();
                    }
                    case "port" -> throw error("'port' belongs after 'from ADDR' or 'to ADDR' (write 'to any port " + peekOr("N") + "')");
                    case "icmp-type" -> parseIcmpType();
                    case "code" -> throw error("'code' belongs right after 'icmp-type T'");
                    case "flags" -> parseFlags();
                    case "keep", "no" -> parseState(keyword);
                    default -> throw error("unknown keyword '" + keyword + "' (expected one of: " + KEYWORDS + ")");
                }
            }
            return finish();
        }

        private void parseWith() {
            if (action != RuleAction.REJECT) {
                throw error("'with' only follows 'reject'");
            }
            once(rejectWith == RejectWith.AUTO, "'with'");
            String answer = value("with");
            RejectWith with = RejectWith.byKeyword(answer);
            if (with == null || with == RejectWith.AUTO) {
                throw error("unknown reject answer '" + answer + "' (expected tcp-reset, admin-prohibited or port-unreachable)");
            }
            rejectWith = with;
        }

        private void parsePorts() {
            once(inputPortMask == 0, "'on'");
            for (String name : value("on").split(",", -1)) {
                int index = portNames.indexOf(name);
                if (index < 0) {
                    throw error("unknown port '" + name + "' (this firewall's ports: " + String.join(", ", portNames) + ")");
                }
                inputPortMask |= 1L << index;
            }
        }

        private void parseProtocol() {
            once(protocol < 0, "'proto'");
            String name = value("proto").toLowerCase(Locale.ROOT);
            int number = Protocols.byName(name);
            if (number < 0) {
                number = number(name, 0, 255, "protocol");
            }
            protocol = number;
        }

        private AddressPrefix address(String keyword) {
            String[] problem = new String[1];
            AddressPrefix prefix = AddressPrefix.parse(value(keyword), problem);
            if (prefix == null) {
                throw error(problem[0]);
            }
            return prefix;
        }

        private int[] optionalPorts() {
            if (next >= tokens.length || !tokens[next].equals("port")) {
                return new int[0];
            }
            next++;
            sawPorts = true;
            String list = value("port");
            String[] items = list.split(",", -1);
            int[] ranges = new int[items.length * 2];
            for (int i = 0; i < items.length; i++) {
                String item = items[i];
                int dash = item.indexOf('-');
                int low = number(dash < 0 ? item : item.substring(0, dash), 0, 65535, "port");
                int high = dash < 0 ? low : number(item.substring(dash + 1), 0, 65535, "port");
                if (low > high) {
                    throw error("port range '" + item + "' runs backwards");
                }
                ranges[2 * i] = low;
                ranges[2 * i + 1] = high;
            }
            return ranges;
        }

        private void parseIcmpType() {
            once(icmpTypeText == null, "'icmp-type'");
            icmpTypeText = value("icmp-type");
            if (next < tokens.length && tokens[next].equals("code")) {
                next++;
                icmpCode = number(value("code"), 0, 255, "ICMP code");
            }
        }

        private void parseFlags() {
            once(!sawFlags, "'flags'");
            sawFlags = true;
            String spec = value("flags");
            int slash = spec.indexOf('/');
            String valueText = slash < 0 ? spec : spec.substring(0, slash);
            String maskText = slash < 0 ? spec : spec.substring(slash + 1);
            flagsValue = flagBits(valueText, true);
            flagsMask = flagBits(maskText, false);
            if ((flagsValue & ~flagsMask) != 0) {
                throw error("flags '" + spec + "': every flag of the value must also be in the mask");
            }
        }

        private int flagBits(String letters, boolean mayBeEmpty) {
            if (letters.isEmpty() && !mayBeEmpty) {
                throw error("flags need a mask of TCP flag letters (" + TCP_FLAG_LETTERS + ")");
            }
            int bits = 0;
            for (int i = 0; i < letters.length(); i++) {
                int bit = TCP_FLAG_LETTERS.indexOf(letters.charAt(i));
                if (bit < 0) {
                    throw error("'" + letters.charAt(i) + "' is not a TCP flag letter (" + TCP_FLAG_LETTERS + ")");
                }
                bits |= 1 << bit;
            }
            return bits;
        }

        private void parseState(String keyword) {
            String word = value(keyword);
            if (!word.equals("state")) {
                throw error("expected '" + keyword + " state', got '" + keyword + " " + word + "'");
            }
            once(keepState == null, "'keep state' / 'no state'");
            keepState = keyword.equals("keep");
        }

        private Rule finish() {
            source = source == null ? AddressPrefix.ANY : source;
            destination = destination == null ? AddressPrefix.ANY : destination;
            sourcePorts = sourcePorts == null ? new int[0] : sourcePorts;
            destinationPorts = destinationPorts == null ? new int[0] : destinationPorts;
            int implied = impliedFamily();
            if (sawPorts && protocol != Protocols.TCP && protocol != Protocols.UDP && protocol != Protocols.SCTP
                    && protocol != Protocols.UDPLITE) {
                throw error("'port' needs proto tcp, udp, sctp or udplite");
            }
            if (sawFlags && protocol != Protocols.TCP) {
                throw error("'flags' needs proto tcp");
            }
            if (icmpTypeText != null) {
                if (protocol != Protocols.ICMP && protocol != Protocols.ICMPV6) {
                    throw error("'icmp-type' needs proto icmp or icmp6");
                }
                icmpType = IcmpTypes.byName(icmpTypeText, protocol == Protocols.ICMPV6 ? 6 : 4);
                if (icmpType < 0) {
                    icmpType = number(icmpTypeText, 0, 255, "ICMP type"
                            + " (or a name such as echo-request, dest-unreachable, time-exceeded)");
                }
            }
            if (keepState != null && action != RuleAction.ACCEPT) {
                throw error("'" + (keepState ? "keep" : "no") + " state' only applies to accept rules");
            }
            return new Rule(action, rejectWith, keepState == null ? action == RuleAction.ACCEPT : keepState, direction,
                    inputPortMask, implied, protocol, source, sourcePorts, destination, destinationPorts,
                    icmpType, icmpCode, flagsValue, flagsMask, file + ":" + line, text);
        }

        /** One family for the whole rule: from inet/inet6, the addresses and the ICMP flavour. */
        private int impliedFamily() {
            int result = family;
            result = agree(result, source.family(), "the 'from' address");
            result = agree(result, destination.family(), "the 'to' address");
            if (protocol == Protocols.ICMP) {
                result = agree(result, 4, "proto icmp (use icmp6 for IPv6)");
            } else if (protocol == Protocols.ICMPV6) {
                result = agree(result, 6, "proto icmp6 (use icmp for IPv4)");
            }
            return result;
        }

        private int agree(int sofar, int wanted, String what) {
            if (wanted == 0 || sofar == wanted) {
                return sofar == 0 ? wanted : sofar;
            }
            if (sofar == 0) {
                return wanted;
            }
            throw error(what + " is IPv" + wanted + " but the rule is already IPv" + sofar);
        }

        private int number(String token, int min, int max, String what) {
            if (token.isEmpty() || token.length() > 6 || !token.chars().allMatch(Character::isDigit)) {
                throw error("'" + token + "' is not a valid " + what);
            }
            int value = Integer.parseInt(token);
            if (value < min || value > max) {
                throw error(what + " " + value + " is outside " + min + ".." + max);
            }
            return value;
        }

        private String value(String keyword) {
            if (next >= tokens.length) {
                throw error("'" + keyword + "' needs a value at the end of the line");
            }
            return tokens[next++];
        }

        private String peekOr(String fallback) {
            return next < tokens.length ? tokens[next] : fallback;
        }

        private void once(boolean firstTime, String what) {
            if (!firstTime) {
                throw error(what + " given twice");
            }
        }

        private RuleSyntaxException error(String problem) {
            return new RuleSyntaxException(file, line, problem);
        }
    }
}
