package io.hypernf.nf.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random rule sets and packets for the classifier's property tests and benchmark. Rules are
 * written as text and go through {@link RuleParser}, so they are exactly what a user could write.
 *
 * <p>Two profiles. {@link #overlapping}: addresses from a tiny space and many wildcards, so that
 * rules overlap, priorities matter and every code path of the classifier runs (property tests).
 * {@link #acl}: shaped like ClassBench's ACL seeds (Taylor and Turner, "ClassBench: A Packet
 * Classification Benchmark", INFOCOM 2005): mostly specific source and destination prefixes of
 * every length, TCP/UDP with exact destination ports or ranges, few wildcards; most packets match
 * a rule deep in the list or none (benchmark).
 */
final class RandomRules {
    static final List<String> PORTS = List.of("inside", "outside");
    private static final int[] V4_LENGTHS = {0, 8, 12, 16, 20, 24, 27, 31, 32};
    private static final int[] V6_LENGTHS = {0, 32, 40, 48, 60, 64, 100, 128};

    private final SplittableRandom random;
    private final int spread;
    private final boolean acl;

    private RandomRules(long seed, int spread, boolean acl) {
        this.random = new SplittableRandom(seed);
        this.spread = spread;
        this.acl = acl;
    }

    /** Overlapping rules: each address byte takes one of {@code spread} values. */
    static RandomRules overlapping(long seed, int spread) {
        return new RandomRules(seed, spread, false);
    }

    /** ClassBench-like ACL rules over the whole 10.0.0.0/8 and 2001:db8::/32 spaces. */
    static RandomRules acl(long seed) {
        return new RandomRules(seed, 256, true);
    }

    List<Rule> rules(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(ruleLine());
        }
        return new RuleParser(PORTS).parse("random", lines);
    }

    private String ruleLine() {
        return acl ? aclLine() : overlappingLine();
    }

    private String aclLine() {
        StringBuilder line = new StringBuilder(pick("accept", "accept", "drop", "reject"));
        boolean v6 = random.nextInt(10) == 0;
        int protocolChoice = random.nextInt(20);
        String protocol = protocolChoice < 12 ? "tcp" : protocolChoice < 18 ? "udp" : protocolChoice < 19 ? (v6 ? "icmp6" : "icmp") : null;
        if (protocol != null) {
            line.append(" proto ").append(protocol);
        }
        line.append(" from ").append(random.nextInt(8) == 0 ? "any" : aclPrefix(v6, 8));
        boolean ports = "tcp".equals(protocol) || "udp".equals(protocol);
        if (ports && random.nextInt(10) == 0) {
            line.append(" port 1024-65535");
        }
        line.append(" to ").append(aclPrefix(v6, 16));
        if (ports) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                line.append(" port ").append(random.nextInt(1, 65536));
            } else if (kind < 8) {
                int low = random.nextInt(1, 60000);
                line.append(" port ").append(low).append('-').append(low + random.nextInt(1, 5000));
            }
        }
        if ("tcp".equals(protocol) && random.nextInt(8) == 0) {
            line.append(" flags S/SA");
        }
        return line.toString();
    }

    /** A prefix of a random length at least {@code minimumLength} (IPv4) over the whole space. */
    private String aclPrefix(boolean v6, int minimumLength) {
        if (v6) {
            int length = 32 + random.nextInt(97);
            long high = 0x2001_0db8_0000_0000L | (random.nextLong() >>> 32);
            long low = random.nextLong();
            return format6(high & AddressPrefix.maskHigh(length), low & AddressPrefix.maskLow(length), length);
        }
        int length = minimumLength + random.nextInt(33 - minimumLength);
        int address = (10 << 24) | random.nextInt(1 << 24);
        address &= length == 32 ? -1 : ~(-1 >>> length);
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255) + "/" + length;
    }

    private String overlappingLine() {
        StringBuilder line = new StringBuilder(pick("accept", "accept", "drop", "reject"));
        if (random.nextInt(5) == 0) {
            line.append(pick(" in", " out"));
        }
        if (random.nextInt(6) == 0) {
            line.append(pick(" on inside", " on outside", " on inside,outside"));
        }
        boolean v6 = random.nextInt(4) == 0;
        int protocolChoice = random.nextInt(5);
        String protocol = switch (protocolChoice) {
            case 0 -> null;
            case 1, 2 -> "tcp";
            case 3 -> "udp";
            default -> v6 ? "icmp6" : "icmp";
        };
        if (protocol == null && random.nextInt(3) == 0) {
            line.append(v6 ? " inet6" : " inet");
        }
        if (protocol != null) {
            line.append(" proto ").append(protocol);
        }
        boolean ports = "tcp".equals(protocol) || "udp".equals(protocol);
        line.append(" from ").append(prefix(v6));
        if (ports && random.nextInt(5) == 0) {
            line.append(" port ").append(portList());
        }
        line.append(" to ").append(prefix(v6));
        if (ports && random.nextInt(3) > 0) {
            line.append(" port ").append(portList());
        }
        if (protocol != null && protocol.startsWith("icmp") && random.nextInt(2) == 0) {
            line.append(" icmp-type ").append(random.nextInt(4) == 0 ? 3 : v6 ? 128 : 8);
            if (random.nextInt(3) == 0) {
                line.append(" code ").append(random.nextInt(2));
            }
        }
        if ("tcp".equals(protocol) && random.nextInt(4) == 0) {
            line.append(pick(" flags S/SA", " flags A/A", " flags /R", " flags SA/SAFR"));
        }
        return line.toString();
    }

    private String prefix(boolean v6) {
        if (v6) {
            int length = V6_LENGTHS[random.nextInt(V6_LENGTHS.length)];
            if (length == 0) {
                return random.nextBoolean() ? "any" : "::/0";
            }
            long high = 0x2001_0db8_0000_0000L | ((long) random.nextInt(spread) << 16) | random.nextInt(spread);
            long low = ((long) random.nextInt(spread) << 48) | random.nextInt(spread);
            return format6(high & AddressPrefix.maskHigh(length), low & AddressPrefix.maskLow(length), length);
        }
        int length = V4_LENGTHS[random.nextInt(V4_LENGTHS.length)];
        if (length == 0) {
            return random.nextBoolean() ? "any" : "0.0.0.0/0";
        }
        int address = (10 << 24) | (random.nextInt(spread) << 16) | (random.nextInt(spread) << 8) | random.nextInt(spread);
        address &= length == 32 ? -1 : ~(-1 >>> length);
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255) + "/" + length;
    }

    private static String format6(long high, long low, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? high : low;
            text.append(i == 0 ? "" : ":").append(Integer.toHexString((int) ((word >>> (48 - 16 * (i % 4))) & 0xffff)));
        }
        return text.append('/').append(length).toString();
    }

    private String portList() {
        int kind = random.nextInt(4);
        int base = random.nextInt(spread) * 10;
        return switch (kind) {
            case 0, 1 -> Integer.toString(base);
            case 2 -> base + "-" + (base + random.nextInt(30));
            default -> base + "," + (base + 10) + "," + (base + 100) + "-" + (base + 120);
        };
    }

    /** A packet: half aimed inside a random rule of {@code rules}, half anywhere in the space. */
    void packet(List<Rule> rules, PacketFields packet) {
        boolean aimed = !rules.isEmpty() && random.nextBoolean();
        Rule target = aimed ? rules.get(random.nextInt(rules.size())) : null;
        boolean v6 = target != null ? target.family() == 6 || (target.family() == 0 && random.nextInt(4) == 0)
                : random.nextInt(4) == 0;
        packet.family = v6 ? 6 : 4;
        long[] address = new long[2];
        randomAddress(v6, target == null ? null : target.source(), address);
        packet.srcHigh = address[0];
        packet.srcLow = address[1];
        randomAddress(v6, target == null ? null : target.destination(), address);
        packet.dstHigh = address[0];
        packet.dstLow = address[1];
        int protocol = target != null && target.protocol() >= 0 && random.nextInt(8) > 0 ? target.protocol()
                : switch (random.nextInt(4)) {
                    case 0 -> Protocols.TCP;
                    case 1 -> Protocols.UDP;
                    case 2 -> v6 ? Protocols.ICMPV6 : Protocols.ICMP;
                    default -> 47;
                };
        packet.protocol = protocol;
        packet.hasTransport = random.nextInt(20) > 0;
        packet.srcPort = target != null && target.sourcePorts().length > 0 ? inside(target.sourcePorts()) : random.nextInt(acl ? 65536 : spread * 15);
        packet.dstPort = target != null && target.destinationPorts().length > 0 ? inside(target.destinationPorts()) : random.nextInt(acl ? 65536 : spread * 15);
        packet.icmpType = target != null && target.icmpType() >= 0 ? target.icmpType() : pickInt(0, 3, 8, 128, 129);
        packet.icmpCode = random.nextInt(2);
        packet.tcpFlags = pickInt(0x02, 0x12, 0x10, 0x11, 0x04, 0x18);
        packet.inputPort = random.nextInt(2);
        packet.direction = packet.inputPort == 0 ? PacketFields.DIRECTION_OUT : PacketFields.DIRECTION_IN;
    }

    private void randomAddress(boolean v6, AddressPrefix within, long[] out) {
        long high;
        long low;
        if (acl) {
            high = v6 ? 0x2001_0db8_0000_0000L | (random.nextLong() >>> 32) : 0;
            low = v6 ? random.nextLong() : AddressPrefix.IPV4_MAPPED_LOW | (10L << 24) | random.nextInt(1 << 24);
        } else if (v6) {
            high = 0x2001_0db8_0000_0000L | ((long) random.nextInt(spread) << 16) | random.nextInt(spread);
            low = ((long) random.nextInt(spread) << 48) | random.nextInt(spread);
        } else {
            high = 0;
            low = AddressPrefix.IPV4_MAPPED_LOW | (10L << 24) | (random.nextInt(spread) << 16)
                    | (random.nextInt(spread) << 8) | random.nextInt(spread);
        }
        if (within != null && within.family() == (v6 ? 6 : 4)) {
            high = within.high() | (high & ~AddressPrefix.maskHigh(within.length()));
            low = within.low() | (low & ~AddressPrefix.maskLow(within.length()));
        }
        out[0] = high;
        out[1] = low;
    }

    private int inside(int[] ranges) {
        int pair = random.nextInt(ranges.length / 2);
        return ranges[2 * pair] + random.nextInt(ranges[2 * pair + 1] - ranges[2 * pair] + 1);
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int pickInt(int... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
