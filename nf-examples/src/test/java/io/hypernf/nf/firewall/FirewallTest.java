package io.hypernf.nf.firewall;

import static io.hypernf.nf.firewall.TestFrames.INSIDE_MAC;
import static io.hypernf.nf.firewall.TestFrames.OUTSIDE_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallTest {
    private static final int INSIDE = 0;
    private static final int OUTSIDE = 1;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final long SECOND = 1_000_000_000L;
    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "192.0.2.10";
    /** Small enough that one tick sweeps the whole table (the sweep budget is 64 entries a tick). */
    private static final FirewallConfig SMALL_TABLE = FirewallConfig.defaults().withConntrackSize(64);

    private static Firewall firewall(FirewallConfig config, String... rules) {
        return new Firewall("fw", config.withRules(List.of(rules)));
    }

    private static Firewall firewall(String... rules) {
        return firewall(FirewallConfig.defaults(), rules);
    }

    /** Runs a batch and counts its drops by reason, as the runtime does. */
    private static TestBatch run(Firewall firewall, int port, long now, byte[]... frames) {
        TestBatch batch = new TestBatch(port, now, frames);
        firewall.process(batch);
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.packet(i);
            assertThat(packet.verdict()).as("every packet gets a verdict").isNotEqualTo(Packet.VERDICT_NONE);
            if (packet.verdict() == Packet.VERDICT_DROP) {
                assertThat(firewall.dropReasons()).as("the reason is listed").contains(packet.dropReason());
                packet.dropReason().add(1);
            }
        }
        return batch;
    }

    private static int verdict(Firewall firewall, int port, long now, byte[] frame) {
        return run(firewall, port, now, frame).verdict(0);
    }

    private static long drops(Firewall firewall, String reason) {
        return firewall.dropReasons().stream().filter(r -> r.name().equals(reason)).mapToLong(DropReason::count).sum();
    }

    private static byte[] out(int flags, int seq, int ack) {
        return TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, flags, seq, ack, 0);
    }

    private static byte[] back(int flags, int seq, int ack) {
        return TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 80, 40000, flags, seq, ack, 0);
    }

    private static int state(Firewall firewall) {
        FlowKey key = new FlowKey().setIpv4(TestFrames.ipv4(CLIENT), TestFrames.ipv4(SERVER), 6, 40000, 80);
        return firewall.connections().tcpState(key);
    }

    @Test
    void aConnectionOpenedFromInsideLivesThroughItsStatesAndItsRepliesPass() {
        Firewall fw = firewall("accept out proto tcp flags S/SA");
        assertThat(verdict(fw, INSIDE, 0, out(SYN, 100, 0))).isEqualTo(OUTSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.SYN_SENT);
        assertThat(verdict(fw, OUTSIDE, 1, back(SYN | ACK, 500, 101))).isEqualTo(INSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.SYN_RECV);
        assertThat(verdict(fw, INSIDE, 2, out(ACK, 101, 501))).isEqualTo(OUTSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.ESTABLISHED);
        assertThat(verdict(fw, OUTSIDE, 3, back(PSH | ACK, 501, 101))).isEqualTo(INSIDE);
        assertThat(verdict(fw, INSIDE, 4, out(FIN | ACK, 101, 600))).isEqualTo(OUTSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.FIN_WAIT);
        assertThat(verdict(fw, OUTSIDE, 5, back(FIN | ACK, 600, 102))).isEqualTo(INSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.LAST_ACK);
        assertThat(verdict(fw, INSIDE, 6, out(ACK, 102, 601))).isEqualTo(OUTSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.TIME_WAIT);
        assertThat(fw.rulePackets(0)).as("only the SYN met the rules").isEqualTo(1);
        assertThat(fw.establishedCount()).isEqualTo(6);
    }

    @Test
    void unsolicitedInboundPacketsMeetTheDefaultPolicy() {
        Firewall fw = firewall("accept out");
        assertThat(verdict(fw, OUTSIDE, 0, back(SYN, 500, 0))).isEqualTo(Packet.VERDICT_DROP);
        assertThat(verdict(fw, OUTSIDE, 0, TestFrames.udp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 53, 5353, 10)))
                .isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "default-drop")).isEqualTo(2);
        assertThat(fw.rulePackets(fw.ruleCount())).isEqualTo(2);
        assertThat(fw.ruleBytes(fw.ruleCount())).isEqualTo(120);
    }

    @Test
    void strictModeDropsTcpThatCannotOpenAConnection() {
        Firewall fw = firewall("accept in proto tcp");
        assertThat(verdict(fw, OUTSIDE, 0, back(ACK, 1, 1))).isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "invalid")).isEqualTo(1);
        assertThat(fw.connections().size()).isZero();
    }

    @Test
    void looseModePicksUpAnEstablishedConnection() {
        Firewall fw = firewall(FirewallConfig.defaults().withStrict(false), "accept out proto tcp");
        assertThat(verdict(fw, INSIDE, 0, out(ACK, 1, 1))).isEqualTo(OUTSIDE);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.ESTABLISHED);
        assertThat(verdict(fw, OUTSIDE, 1, back(ACK, 1, 1))).isEqualTo(INSIDE);
        assertThat(fw.establishedCount()).isEqualTo(1);
    }

    @Test
    void aPacketThatDoesNotFitItsConnectionIsInvalid() {
        Firewall fw = firewall("accept out proto tcp");
        verdict(fw, INSIDE, 0, out(SYN, 100, 0));
        assertThat(verdict(fw, OUTSIDE, 1, back(FIN, 500, 0))).as("FIN before the handshake").isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "invalid")).isEqualTo(1);
        assertThat(state(fw)).isEqualTo(TcpStateMachine.SYN_SENT);
    }

    @Test
    void noStateAcceptsWithoutTracking() {
        Firewall fw = firewall("accept out proto udp no state");
        byte[] query = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 5353, 53, 20);
        assertThat(verdict(fw, INSIDE, 0, query)).isEqualTo(OUTSIDE);
        assertThat(fw.connections().size()).isZero();
        assertThat(verdict(fw, OUTSIDE, 0, TestFrames.udp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 53, 5353, 20)))
                .isEqualTo(Packet.VERDICT_DROP);
    }

    @Test
    void udpRepliesPassUntilTheTimeoutAndTheStreamTimeoutIsLonger() {
        Firewall fw = firewall(SMALL_TABLE, "accept out proto udp");
        byte[] query = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 5353, 53, 20);
        byte[] answer = TestFrames.udp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 53, 5353, 20);
        assertThat(verdict(fw, INSIDE, 0, query)).isEqualTo(OUTSIDE);
        assertThat(verdict(fw, OUTSIDE, 10 * SECOND, answer)).isEqualTo(INSIDE);
        fw.tick(10 * SECOND + 100 * SECOND);
        assertThat(fw.connections().size()).as("a replied flow lives 120 s (udp-stream)").isEqualTo(1);
        fw.tick(10 * SECOND + 121 * SECOND);
        assertThat(fw.connections().size()).isZero();
        assertThat(verdict(fw, OUTSIDE, 132 * SECOND, answer)).isEqualTo(Packet.VERDICT_DROP);
    }

    @Test
    void unrepliedUdpExpiresAfterThirtySeconds() {
        Firewall fw = firewall(SMALL_TABLE, "accept out proto udp");
        verdict(fw, INSIDE, 0, TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 5353, 53, 20));
        fw.tick(29 * SECOND);
        assertThat(fw.connections().size()).isEqualTo(1);
        fw.tick(31 * SECOND);
        assertThat(fw.connections().size()).isZero();
    }

    @Test
    void echoRequestsOpenPseudoConnectionsForTheirRepliesOnly() {
        Firewall fw = firewall("accept out proto icmp icmp-type echo-request");
        byte[] request = TestFrames.icmp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 8, 0, 0x1234_0001, new byte[16]);
        byte[] reply = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 0, 0, 0x1234_0001, new byte[16]);
        byte[] otherReply = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 0, 0, 0x9999_0001, new byte[16]);
        byte[] reverseRequest = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 8, 0, 0x1234_0002, new byte[16]);
        assertThat(verdict(fw, OUTSIDE, 0, reply)).as("no request yet").isEqualTo(Packet.VERDICT_DROP);
        assertThat(verdict(fw, INSIDE, 1, request)).isEqualTo(OUTSIDE);
        assertThat(verdict(fw, OUTSIDE, 2, reply)).isEqualTo(INSIDE);
        assertThat(verdict(fw, OUTSIDE, 3, otherReply)).as("another identifier").isEqualTo(Packet.VERDICT_DROP);
        assertThat(verdict(fw, OUTSIDE, 4, reverseRequest)).as("a request backwards on the same id").isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "invalid")).isEqualTo(1);
    }

    @Test
    void icmpErrorsQuotingATrackedConnectionPassAsRelated() {
        Firewall fw = firewall("accept out proto udp");
        byte[] query = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 5353, 53, 20);
        assertThat(verdict(fw, INSIDE, 0, query)).isEqualTo(OUTSIDE);
        byte[] unreachable = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, "198.51.100.1", CLIENT, 3, 3, 0, TestFrames.ipDatagram(query));
        assertThat(verdict(fw, OUTSIDE, 1, unreachable)).isEqualTo(INSIDE);
        assertThat(fw.relatedCount()).isEqualTo(1);

        byte[] stranger = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 5353, 54, 20);
        byte[] unrelated = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, "198.51.100.1", CLIENT, 3, 3, 0, TestFrames.ipDatagram(stranger));
        assertThat(verdict(fw, OUTSIDE, 2, unrelated)).isEqualTo(Packet.VERDICT_DROP);
        byte[] truncated = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, "198.51.100.1", CLIENT, 3, 3, 0, new byte[12]);
        assertThat(verdict(fw, OUTSIDE, 3, truncated)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(fw.relatedCount()).isEqualTo(1);
    }

    @Test
    void icmpv6ErrorsQuotingATrackedIpv6ConnectionPass() {
        Firewall fw = firewall("accept out inet6");
        String client = "2001:db8:0:0:0:0:0:1";
        String server = "2001:db8:0:1:0:0:0:2";
        byte[] syn = TestFrames.tcp6(INSIDE_MAC, OUTSIDE_MAC, client, server, 40000, 443, SYN, 7, 0);
        assertThat(verdict(fw, INSIDE, 0, syn)).isEqualTo(OUTSIDE);
        byte[] tooBig = TestFrames.icmp6(OUTSIDE_MAC, INSIDE_MAC, "2001:db8:0:2:0:0:0:1", client, 2, 0, 1280, TestFrames.ipDatagram(syn));
        assertThat(verdict(fw, OUTSIDE, 1, tooBig)).isEqualTo(INSIDE);
        byte[] synAck = TestFrames.tcp6(OUTSIDE_MAC, INSIDE_MAC, server, client, 443, 40000, SYN | ACK, 9, 8);
        assertThat(verdict(fw, OUTSIDE, 2, synAck)).isEqualTo(INSIDE);
    }

    @Test
    void aFullConnectionTableIsACountedDrop() {
        Firewall fw = firewall(FirewallConfig.defaults().withConntrackSize(1), "accept out");
        assertThat(verdict(fw, INSIDE, 0, out(SYN, 1, 0))).isEqualTo(OUTSIDE);
        byte[] second = TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40001, 80, SYN, 1, 0, 0);
        assertThat(verdict(fw, INSIDE, 0, second)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "conntrack-full")).isEqualTo(1);
        assertThat(fw.connections().tableFullCount()).isEqualTo(1);
    }

    @Test
    void nonIpFramesFollowTheirPolicyAndMalformedFramesAreDropped() {
        Firewall fw = firewall("drop");
        assertThat(verdict(fw, INSIDE, 0, TestFrames.arpRequest(INSIDE_MAC))).isEqualTo(OUTSIDE);
        Firewall strictL2 = new Firewall("fw", new FirewallConfig(FirewallConfig.DEFAULT_PORTS, null, List.of(), RuleAction.ACCEPT,
                true, false, 16, ConntrackTimeouts.defaults()));
        assertThat(verdict(strictL2, INSIDE, 0, TestFrames.arpRequest(INSIDE_MAC))).isEqualTo(Packet.VERDICT_DROP);
        byte[] broken = out(SYN, 1, 0);
        broken[14] = 0x43;
        assertThat(verdict(fw, INSIDE, 0, broken)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(verdict(fw, INSIDE, 0, new byte[10])).isEqualTo(Packet.VERDICT_DROP);
        assertThat(drops(fw, "malformed")).isEqualTo(2);
    }

    @Test
    void rulesCountPacketsAndBytesAndFirstMatchWins() {
        Firewall fw = firewall("drop in proto tcp to any port 22", "accept in proto tcp to 10.0.0.0/8 port 1-1023", "reject in");
        byte[] ssh = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 50000, 22, SYN, 1, 0, 0);
        byte[] web = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 50000, 80, SYN, 1, 0, 100);
        assertThat(verdict(fw, OUTSIDE, 0, ssh)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(verdict(fw, OUTSIDE, 0, web)).isEqualTo(INSIDE);
        assertThat(fw.rulePackets(0)).isEqualTo(1);
        assertThat(fw.ruleBytes(0)).isEqualTo(60);
        assertThat(fw.rulePackets(1)).isEqualTo(1);
        assertThat(fw.ruleBytes(1)).isEqualTo(154);
        assertThat(fw.rulePackets(2)).isZero();
        assertThat(fw.ruleCountersText()).contains("1 pkts 60 B  firewall.rules:1: drop in proto tcp to any port 22");
    }

    @Test
    void expiredTcpConnectionsStopPassingReplies() {
        Firewall fw = firewall(SMALL_TABLE, "accept out");
        verdict(fw, INSIDE, 0, out(SYN, 1, 0));
        fw.tick(121 * SECOND);
        assertThat(fw.connections().size()).isZero();
        assertThat(verdict(fw, OUTSIDE, 122 * SECOND, back(SYN | ACK, 5, 2))).isEqualTo(Packet.VERDICT_DROP);
    }
}
