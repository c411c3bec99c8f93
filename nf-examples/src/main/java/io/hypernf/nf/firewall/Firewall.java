package io.hypernf.nf.firewall;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketContext;
import io.hypernf.sdk.nf.PacketFunction;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The stateful firewall NF: a bump in the wire between pairs of ports (port {@code 2k}, inside,
 * and port {@code 2k+1}, outside); what passes leaves through the other port of its pair. The
 * path of one packet ({@link #process} → {@link #decide}):
 * <ol>
 *   <li>parse ({@link PacketParser}); malformed → counted drop; non-IP → the {@code non-ip} policy;</li>
 *   <li>connection tracking ({@link ConnectionTracker#track}): a packet of a tracked connection
 *       passes without rule evaluation; one that does not fit its TCP state is invalid (counted
 *       drop when strict);</li>
 *   <li>an ICMP error quoting a packet of a tracked connection passes as related
 *       ({@link #isRelated});</li>
 *   <li>the rules ({@link RuleClassifier}), else the default policy; per-rule packet and byte counters;</li>
 *   <li>accept with {@code keep state} opens a connection ({@link ConnectionTracker#open}); a full
 *       table is a counted drop; reject answers through {@link RejectBuilder} via
 *       {@link PacketContext#emit} on the input port.</li>
 * </ol>
 * Single-threaded like every NF; nothing is allocated per packet.
 */
public final class Firewall implements PacketFunction {
    private final String name;
    private final List<String> portNames;
    private final RuleClassifier classifier;
    private final ConnectionTracker tracker;
    private final RuleAction defaultPolicy;
    private final boolean strict;
    private final boolean acceptNonIp;

    /** Per rule, then one more slot for the default policy. */
    private final long[] rulePackets;
    private final long[] ruleBytes;

    private final DropReason malformed;
    private final DropReason nonIp;
    private final DropReason invalid;
    private final DropReason ruleDrop;
    private final DropReason ruleReject;
    private final DropReason defaultDrop;
    private final DropReason conntrackFull;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();
    private final PacketFields fields = new PacketFields();
    private final FlowKey key = new FlowKey();
    private final FlowKey embeddedKey = new FlowKey();
    private final ParsedPacket embedded = new ParsedPacket();
    private final RejectBuilder rejects = new RejectBuilder();

    private long related;
    private long established;
    private long rejectsSent;
    private long rejectsSuppressed;

    public Firewall(String name, FirewallConfig config) {
        this(name, config, config.parseRules());
    }

    /** A firewall over already parsed rules (tests, benchmarks). */
    public Firewall(String name, FirewallConfig config, List<Rule> rules) {
        this.name = name;
        this.portNames = config.ports();
        this.classifier = new RuleClassifier(rules);
        this.tracker = new ConnectionTracker(config.conntrackSize(), config.timeouts(), !config.strict(), System.nanoTime());
        this.defaultPolicy = config.defaultPolicy();
        this.strict = config.strict();
        this.acceptNonIp = config.acceptNonIp();
        this.rulePackets = new long[rules.size() + 1];
        this.ruleBytes = new long[rules.size() + 1];
        this.malformed = new DropReason(name, "malformed");
        this.nonIp = new DropReason(name, "non-ip");
        this.invalid = new DropReason(name, "invalid");
        this.ruleDrop = new DropReason(name, "rule-drop");
        this.ruleReject = new DropReason(name, "rule-reject");
        this.defaultDrop = new DropReason(name, "default-drop");
        this.conntrackFull = new DropReason(name, "conntrack-full");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> portNames() {
        return portNames;
    }

    @Override
    public List<DropReason> dropReasons() {
        return List.of(malformed, nonIp, invalid, ruleDrop, ruleReject, defaultDrop, conntrackFull);
    }

    @Override
    public void tick(long nowNanos) {
        tracker.expire(nowNanos);
    }

    @Override
    public void process(Packet packet, PacketContext context) {
        decide(context, packet, context.inputPort(), context.nowNanos());
    }

    private void decide(PacketContext batch, Packet packet, int inputPort, long now) {
        ByteBuf buf = packet.buf();
        parser.parse(buf, 0, packet.length(), parsed);
        int output = inputPort ^ 1;
        if (parsed.packetClass().isMalformed()) {
            packet.drop(malformed);
            return;
        }
        if (parsed.ipVersion() == 0) {
            if (acceptNonIp) {
                packet.forward(output);
            } else {
                packet.drop(nonIp);
            }
            return;
        }
        boolean hasKey = key.set(parsed);
        int protocol = parsed.l4Protocol();
        int tcpFlags = parsed.tcpFlags();
        int icmpType = parsed.icmpType();
        if (hasKey) {
            int verdict = tracker.track(key, tcpFlags, icmpType, now);
            if (verdict == ConnectionTracker.PASS) {
                established++;
                packet.forward(output);
                return;
            }
            if (verdict == ConnectionTracker.INVALID && strict) {
                packet.drop(invalid);
                return;
            }
            if (isIcmpError(protocol, icmpType) && isRelated(buf)) {
                related++;
                packet.forward(output);
                return;
            }
        }
        fillFields(inputPort);
        int rule = classifier.classify(fields);
        RuleAction action;
        boolean keepState;
        int counter;
        if (rule >= 0) {
            Rule matched = classifier.rule(rule);
            action = matched.action();
            keepState = matched.keepState();
            counter = rule;
        } else {
            action = defaultPolicy;
            keepState = true;
            counter = rulePackets.length - 1;
        }
        rulePackets[counter]++;
        ruleBytes[counter] += packet.length();
        switch (action) {
            case ACCEPT -> accept(packet, hasKey && keepState, protocol, tcpFlags, icmpType, output, now);
            case DROP -> packet.drop(rule >= 0 ? ruleDrop : defaultDrop);
            case REJECT -> reject(batch, packet, rule >= 0 ? classifier.rule(rule).rejectWith() : RejectWith.AUTO, inputPort);
        }
    }

    private void accept(Packet packet, boolean keepState, int protocol, int tcpFlags, int icmpType, int output, long now) {
        if (keepState) {
            int opened = tracker.open(key, tcpFlags, icmpType, now);
            if (opened == ConnectionTracker.FULL) {
                packet.drop(conntrackFull);
                return;
            }
            if (opened == ConnectionTracker.NOT_TRACKABLE && protocol == IpProtocol.TCP && strict) {
                // Strict: only a SYN opens a TCP connection (netfilter with nf_conntrack_tcp_loose=0).
                packet.drop(invalid);
                return;
            }
        }
        packet.forward(output);
    }

    private void reject(PacketContext batch, Packet packet, RejectWith with, int inputPort) {
        packet.drop(ruleReject);
        ByteBuf in = packet.buf();
        if (!rejects.mayAnswer(in, parsed)) {
            rejectsSuppressed++;
            return;
        }
        boolean reset = parsed.l4Protocol() == IpProtocol.TCP && (with == RejectWith.AUTO || with == RejectWith.TCP_RESET);
        ByteBuf out = batch.emit(inputPort);
        if (out == null) {
            rejectsSuppressed++;
            return;
        }
        int length = reset ? rejects.tcpReset(in, parsed, out) : rejects.unreachable(in, parsed, with, out);
        if (length > 0) {
            rejectsSent++;
        } else {
            out.writerIndex(0);
            rejectsSuppressed++;
        }
    }

    private void fillFields(int inputPort) {
        PacketFields f = fields;
        f.family = parsed.ipVersion();
        if (f.family == 4) {
            f.ipv4Source(parsed.ipv4Source());
            f.ipv4Destination(parsed.ipv4Destination());
        } else {
            f.srcHigh = parsed.ipv6SourceHigh();
            f.srcLow = parsed.ipv6SourceLow();
            f.dstHigh = parsed.ipv6DestinationHigh();
            f.dstLow = parsed.ipv6DestinationLow();
        }
        f.protocol = parsed.l4Protocol();
        f.hasTransport = parsed.l4Offset() >= 0 && !parsed.isLaterFragment();
        f.srcPort = parsed.sourcePort();
        f.dstPort = parsed.destinationPort();
        f.icmpType = parsed.icmpType();
        f.icmpCode = parsed.icmpCode();
        f.tcpFlags = parsed.tcpFlags() & 0xff;
        f.inputPort = inputPort;
        f.direction = (inputPort & 1) == 0 ? PacketFields.DIRECTION_OUT : PacketFields.DIRECTION_IN;
    }

    private boolean isIcmpError(int protocol, int icmpType) {
        return (protocol == IpProtocol.ICMP && IcmpTypes.isError(4, icmpType))
                || (protocol == IpProtocol.ICMPV6 && IcmpTypes.isError(6, icmpType));
    }

    /**
     * Whether the datagram quoted by this ICMP error (RFC 792: its IP header and at least 8 bytes,
     * enough for the ports) belongs to a tracked connection (RFC 5508 §4.2). The SDK parses the
     * quote, which is usually cut short; the quote is the packet as its sender sent it, so its key
     * is looked up as is (the tracker's keys do not depend on direction).
     */
    private boolean isRelated(ByteBuf buf) {
        return parser.parseEmbedded(buf, parsed, embedded).isOk() && embeddedKey.set(embedded) && tracker.exists(embeddedKey);
    }

    /** Packets counted against rule {@code index}, or against the default policy for {@code ruleCount()}. */
    public long rulePackets(int index) { return rulePackets[index]; }
    public long ruleBytes(int index) { return ruleBytes[index]; }
    public int ruleCount() { return classifier.ruleCount(); }
    public Rule rule(int index) { return classifier.rule(index); }
    /** Packets that passed as part of a tracked connection. */
    public long establishedCount() { return established; }
    /** ICMP errors that passed because they quote a tracked connection. */
    public long relatedCount() { return related; }
    public long rejectsSent() { return rejectsSent; }
    /** Rejects that sent nothing: not allowed by the RFCs, or no room to emit. */
    public long rejectsSuppressed() { return rejectsSuppressed; }
    public ConnectionTracker connections() { return tracker; }

    /** Counters of every rule and the default policy, one line each, for the stats display. */
    public String ruleCountersText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classifier.ruleCount(); i++) {
            text.append(rulePackets[i]).append(" pkts ").append(ruleBytes[i]).append(" B  ").append(classifier.rule(i)).append('\n');
        }
        int last = rulePackets.length - 1;
        return text.append(rulePackets[last]).append(" pkts ").append(ruleBytes[last]).append(" B  default ")
                .append(defaultPolicy.keyword()).append('\n').toString();
    }
}
