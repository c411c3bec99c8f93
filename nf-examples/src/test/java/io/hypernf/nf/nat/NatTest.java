package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.checksumProblem;
import static io.hypernf.nf.nat.NatFrames.destination;
import static io.hypernf.nf.nat.NatFrames.destinationPort;
import static io.hypernf.nf.nat.NatFrames.echo;
import static io.hypernf.nf.nat.NatFrames.icmpIdentifier;
import static io.hypernf.nf.nat.NatFrames.ip;
import static io.hypernf.nf.nat.NatFrames.source;
import static io.hypernf.nf.nat.NatFrames.sourcePort;
import static io.hypernf.nf.nat.NatFrames.tcp;
import static io.hypernf.nf.nat.NatFrames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.Packet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The NAT's behaviours one by one; every translated frame has its checksums recomputed from scratch. */
class NatTest {
    static final int POOL = ip("203.0.113.1");
    static final int HOST_A = ip("10.0.0.1");
    static final int HOST_B = ip("10.0.0.2");
    static final int REMOTE = ip("198.51.100.9");
    static final int REMOTE_2 = ip("198.51.100.77");
    static final int SYN = 0x02;
    static final int ACK = 0x10;
    static final int FIN = 0x01;

    static NatConfig config() {
        return NatConfig.defaults(NatConfig.pool("203.0.113.1"));
    }

    static byte[] valid(byte[] frame) {
        assertThat(frame).as("forwarded").isNotNull();
        assertThat(checksumProblem(frame)).as("checksums after translation").isNull();
        return frame;
    }

    @Test
    void outboundTcpGetsThePoolAddressKeepsAFreePortAndTheReplyReturns() {
        NatDriver nat = new NatDriver(config());
        byte[] out = valid(nat.out(tcp(HOST_A, 40000, REMOTE, 80, SYN)));
        assertThat(nat.verdict()).isEqualTo(Nat.OUTSIDE);
        assertThat(source(out)).isEqualTo(POOL);
        assertThat(sourcePort(out)).as("port preservation").isEqualTo(40000);
        assertThat(destination(out)).isEqualTo(REMOTE);

        byte[] back = valid(nat.in(tcp(REMOTE, 80, POOL, 40000, SYN | ACK)));
        assertThat(nat.verdict()).isEqualTo(Nat.INSIDE);
        assertThat(destination(back)).isEqualTo(HOST_A);
        assertThat(destinationPort(back)).isEqualTo(40000);
        assertThat(source(back)).isEqualTo(REMOTE);
        assertThat(nat.nat.translatedOut()).isEqualTo(1);
        assertThat(nat.nat.translatedIn()).isEqualTo(1);
    }

    @Test
    void endpointIndependentMappingReusesTheOutsideEndpointForEveryRemote() {
        NatDriver nat = new NatDriver(config());
        byte[] first = valid(nat.out(udp(HOST_A, 5000, REMOTE, 53)));
        byte[] second = valid(nat.out(udp(HOST_A, 5000, REMOTE_2, 123)));
        assertThat(sourcePort(second)).isEqualTo(sourcePort(first));
        assertThat(source(second)).isEqualTo(source(first));
        assertThat(nat.nat.mappings()).isEqualTo(1);
        assertThat(nat.nat.sessions()).isEqualTo(2);
    }

    @Test
    void addressAndPortDependentMappingGivesEachRemoteItsOwnPort() {
        NatDriver nat = new NatDriver(config().withBehaviour(EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT,
                EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT));
        byte[] first = valid(nat.out(udp(HOST_A, 5000, REMOTE, 53)));
        byte[] second = valid(nat.out(udp(HOST_A, 5000, REMOTE, 54)));
        byte[] again = valid(nat.out(udp(HOST_A, 5000, REMOTE, 53)));
        assertThat(sourcePort(first)).isEqualTo(5000);
        assertThat(sourcePort(second)).isNotEqualTo(5000).isBetween(1024, 65535);
        assertThat(sourcePort(again)).isEqualTo(5000);
        assertThat(nat.nat.mappings()).isEqualTo(2);
        assertThat(destinationPort(valid(nat.in(udp(REMOTE, 54, POOL, sourcePort(second)))))).isEqualTo(5000);
        assertThat(nat.in(udp(REMOTE, 53, POOL, sourcePort(second)))).as("another remote port has no mapping there").isNull();
        assertThat(nat.dropReason().name()).isEqualTo("no-mapping");
    }

    @Test
    void endpointIndependentFilteringLetsAnyRemoteReachAMapping() {
        NatDriver nat = new NatDriver(config());
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        byte[] in = valid(nat.in(udp(REMOTE_2, 9999, POOL, 5000)));
        assertThat(destination(in)).isEqualTo(HOST_A);
        assertThat(destinationPort(in)).isEqualTo(5000);
    }

    @Test
    void addressAndPortDependentFilteringAdmitsOnlyRemotesTheHostSentTo() {
        NatDriver nat = new NatDriver(config().withBehaviour(EndpointBehaviour.ENDPOINT_INDEPENDENT,
                EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT));
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        assertThat(nat.in(udp(REMOTE_2, 53, POOL, 5000))).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("filtered");
        assertThat(nat.in(udp(REMOTE, 54, POOL, 5000))).as("same address, other port").isNull();
        assertThat(nat.nat.drop("filtered").count()).isEqualTo(2);
        assertThat(destination(valid(nat.in(udp(REMOTE, 53, POOL, 5000))))).isEqualTo(HOST_A);
    }

    @Test
    void unsolicitedInboundIsACountedDrop() {
        NatDriver nat = new NatDriver(config());
        assertThat(nat.in(tcp(REMOTE, 1234, POOL, 22, SYN))).isNull();
        assertThat(nat.verdict()).isEqualTo(Packet.VERDICT_DROP);
        assertThat(nat.nat.drop("no-mapping").count()).isEqualTo(1);
    }

    @Test
    void aTakenPortIsReplacedByOneFromTheRangeAndExhaustionIsACountedDrop() {
        NatDriver nat = new NatDriver(config().withPortRange(6000, 6002));
        Set<Integer> ports = new HashSet<>();
        for (int host = 1; host <= 4; host++) {
            byte[] out = valid(nat.out(udp(ip("10.0.1." + host), 7000, REMOTE, 53)));
            ports.add(sourcePort(out));
        }
        assertThat(ports).as("the first keeps 7000, the others get 6000..6002").containsExactlyInAnyOrder(7000, 6000, 6001, 6002);
        assertThat(nat.out(udp(ip("10.0.1.5"), 7000, REMOTE, 53))).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("ports-exhausted");
        assertThat(nat.nat.drop("ports-exhausted").count()).isEqualTo(1);
        assertThat(nat.out(tcp(ip("10.0.1.5"), 7000, REMOTE, 80, SYN))).as("TCP ports are a separate space").isNotNull();
    }

    @Test
    void freedPortsAreReusedOnlyAfterTheHoldDown() {
        NatConfig config = config().withPortRange(6000, 6000);
        NatDriver nat = new NatDriver(config);
        assertThat(sourcePort(valid(nat.out(udp(HOST_A, 7000, REMOTE, 53))))).isEqualTo(7000);
        assertThat(sourcePort(valid(nat.out(udp(HOST_B, 7000, REMOTE, 53))))).isEqualTo(6000);
        nat.advance(config.timeouts().udp().plusSeconds(1));
        assertThat(nat.nat.mappings()).as("both expired").isZero();
        assertThat(nat.nat.portsHeldDown()).isEqualTo(2);
        assertThat(nat.out(udp(ip("10.0.0.3"), 7000, REMOTE, 53))).as("7000 and 6000 are held down").isNull();
        assertThat(nat.dropReason().name()).isEqualTo("ports-exhausted");
        nat.advance(config.timeouts().portHoldDown());
        assertThat(nat.nat.portsHeldDown()).isZero();
        assertThat(sourcePort(valid(nat.out(udp(ip("10.0.0.3"), 7000, REMOTE, 53))))).isEqualTo(7000);
    }

    @Test
    void hairpinningSendsInsideToInsideThroughThePublicMappingWithATranslatedSource() {
        NatDriver nat = new NatDriver(config());
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        byte[] hairpin = valid(nat.out(udp(HOST_B, 6000, POOL, 5000)));
        assertThat(nat.verdict()).isEqualTo(Nat.INSIDE);
        assertThat(destination(hairpin)).isEqualTo(HOST_A);
        assertThat(destinationPort(hairpin)).isEqualTo(5000);
        assertThat(source(hairpin)).as("RFC 4787 REQ-9: the source is B's outside endpoint").isEqualTo(POOL);
        assertThat(sourcePort(hairpin)).isEqualTo(6000);
        byte[] reply = valid(nat.out(udp(HOST_A, 5000, POOL, 6000)));
        assertThat(destination(reply)).isEqualTo(HOST_B);
        assertThat(destinationPort(reply)).isEqualTo(6000);
        assertThat(nat.nat.hairpinned()).isEqualTo(2);
    }

    @Test
    void portForwardsTranslateInboundAndTheServersRepliesEvenWithDependentFiltering() {
        int server = ip("10.0.0.10");
        NatConfig config = config().withBehaviour(EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT, EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT)
                .withStatics(List.of(), List.of(NatConfig.portForward("tcp 203.0.113.1:8080 -> 10.0.0.10:80")));
        NatDriver nat = new NatDriver(config);
        byte[] in = valid(nat.in(tcp(REMOTE, 33333, POOL, 8080, SYN)));
        assertThat(destination(in)).isEqualTo(server);
        assertThat(destinationPort(in)).isEqualTo(80);
        byte[] reply = valid(nat.out(tcp(server, 80, REMOTE, 33333, SYN | ACK)));
        assertThat(source(reply)).isEqualTo(POOL);
        assertThat(sourcePort(reply)).isEqualTo(8080);
        assertThat(nat.in(udp(REMOTE, 33333, POOL, 8080))).as("the forward is TCP only").isNull();
        assertThat(sourcePort(valid(nat.out(udp(HOST_A, 8080, REMOTE, 53))))).as("a dynamic UDP mapping may keep 8080").isEqualTo(8080);
        assertThat(sourcePort(valid(nat.out(tcp(HOST_A, 8080, REMOTE, 80, SYN))))).as("but TCP 8080 is reserved").isNotEqualTo(8080);
    }

    @Test
    void staticOneToOneTranslatesEveryProtocolAndFragmentsStatelessly() {
        int inside = ip("10.0.0.5");
        int outside = ip("192.0.2.5");
        NatDriver nat = new NatDriver(config().withStatics(List.of(NatConfig.staticMapping("10.0.0.5 <-> 192.0.2.5")), List.of()));
        byte[] out = valid(nat.out(tcp(inside, 2222, REMOTE, 80, SYN)));
        assertThat(source(out)).isEqualTo(outside);
        assertThat(sourcePort(out)).isEqualTo(2222);
        byte[] in = valid(nat.in(tcp(REMOTE_2, 4444, outside, 22, SYN)));
        assertThat(destination(in)).isEqualTo(inside);
        byte[] gre = NatFrames.ethernet(0x0800, NatFrames.ipv4(inside, REMOTE, 47, 0, new byte[] {0, 0, 0x08, 0}));
        assertThat(source(valid(nat.out(gre)))).isEqualTo(outside);
        byte[] laterFragment = NatFrames.ethernet(0x0800, NatFrames.ipv4(REMOTE, outside, NatFrames.UDP, 0x0004, new byte[16]));
        assertThat(destination(valid(nat.in(laterFragment)))).isEqualTo(inside);
        byte[] dynamicFragment = NatFrames.ethernet(0x0800, NatFrames.ipv4(HOST_A, REMOTE, NatFrames.UDP, 0x0004, new byte[16]));
        assertThat(nat.out(dynamicFragment)).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("fragment");
        assertThat(nat.nat.staticTranslated()).isEqualTo(4);
    }

    @Test
    void icmpEchoIdentifiersAreTranslatedLikePorts() {
        NatDriver nat = new NatDriver(config());
        byte[] a = valid(nat.out(echo(HOST_A, REMOTE, 8, 77, 1)));
        byte[] b = valid(nat.out(echo(HOST_B, REMOTE, 8, 77, 1)));
        assertThat(icmpIdentifier(a)).isEqualTo(77);
        assertThat(icmpIdentifier(b)).isNotEqualTo(77);
        byte[] replyB = valid(nat.in(echo(REMOTE, POOL, 0, icmpIdentifier(b), 1)));
        assertThat(destination(replyB)).isEqualTo(HOST_B);
        assertThat(icmpIdentifier(replyB)).isEqualTo(77);
        byte[] replyA = valid(nat.in(echo(REMOTE, POOL, 0, 77, 1)));
        assertThat(destination(replyA)).isEqualTo(HOST_A);
        assertThat(nat.in(echo(REMOTE, POOL, 8, 77, 2))).as("an inbound echo request is no reply").isNull();
    }

    @Test
    void anInboundIcmpErrorGetsItsQuotedPacketTranslatedBack() {
        NatDriver nat = new NatDriver(config());
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        byte[] sentB = valid(nat.out(udp(HOST_B, 5000, REMOTE, 53)));
        int portB = sourcePort(sentB);
        assertThat(portB).isNotEqualTo(5000);
        int router = ip("192.0.2.254");
        byte[] error = NatFrames.icmpError(router, POOL, 3, 3, sentB, 200);
        byte[] in = valid(nat.in(error));
        assertThat(nat.verdict()).isEqualTo(Nat.INSIDE);
        assertThat(destination(in)).isEqualTo(HOST_B);
        assertThat(source(in)).isEqualTo(router);
        int inner = NatFrames.inner(in);
        assertThat(NatFrames.u32(in, inner + 12)).as("quoted source").isEqualTo(HOST_B);
        assertThat(NatFrames.u16(in, inner + 20)).as("quoted source port").isEqualTo(5000);
        assertThat(NatFrames.u32(in, inner + 16)).isEqualTo(REMOTE);
        assertThat(nat.nat.icmpErrorsIn()).isEqualTo(1);
    }

    @Test
    void anInboundErrorQuotingOnlyEightBytesOfTcpIsTranslatedToo() {
        NatDriver nat = new NatDriver(config());
        nat.out(tcp(HOST_A, 4000, REMOTE, 80, SYN));
        byte[] sentB = valid(nat.out(tcp(HOST_B, 4000, REMOTE, 80, SYN)));
        byte[] in = valid(nat.in(NatFrames.icmpError(ip("192.0.2.254"), POOL, 11, 0, sentB, 28)));
        assertThat(destination(in)).isEqualTo(HOST_B);
        assertThat(NatFrames.u16(in, NatFrames.inner(in) + 20)).isEqualTo(4000);
    }

    @Test
    void anOutboundIcmpErrorHidesTheInsideHostAndItsPort() {
        int server = ip("10.0.0.10");
        NatDriver nat = new NatDriver(config().withStatics(List.of(), List.of(NatConfig.portForward("udp 203.0.113.1:5353 -> 10.0.0.10:53"))));
        byte[] delivered = valid(nat.in(udp(REMOTE, 40000, POOL, 5353)));
        byte[] error = NatFrames.icmpError(server, REMOTE, 3, 3, delivered, 200);
        byte[] out = valid(nat.out(error));
        assertThat(nat.verdict()).isEqualTo(Nat.OUTSIDE);
        assertThat(source(out)).isEqualTo(POOL);
        assertThat(destination(out)).isEqualTo(REMOTE);
        int inner = NatFrames.inner(out);
        assertThat(NatFrames.u32(out, inner + 16)).as("quoted destination").isEqualTo(POOL);
        assertThat(NatFrames.u16(out, inner + 22)).as("quoted destination port").isEqualTo(5353);
        assertThat(nat.nat.icmpErrorsOut()).isEqualTo(1);
    }

    @Test
    void anErrorFromAnInsideRouterLeavesWithTheMappedAddressAndAOneToOneHostsQuoteIsTranslated() {
        int router = ip("10.0.0.254");
        int staticHost = ip("10.0.0.5");
        NatDriver nat = new NatDriver(config().withStatics(List.of(NatConfig.staticMapping("10.0.0.5 <-> 192.0.2.5")), List.of()));
        nat.out(tcp(HOST_A, 4000, REMOTE, 80, SYN));
        int portB = sourcePort(valid(nat.out(tcp(HOST_B, 4000, REMOTE, 80, SYN))));
        assertThat(portB).isNotEqualTo(4000);
        byte[] toB = valid(nat.in(tcp(REMOTE, 80, POOL, portB, SYN | ACK)));
        assertThat(destination(toB)).isEqualTo(HOST_B);
        byte[] out = valid(nat.out(NatFrames.icmpError(router, REMOTE, 11, 0, toB, 200)));
        assertThat(source(out)).as("the router's private address does not leak").isEqualTo(POOL);
        assertThat(NatFrames.u32(out, NatFrames.inner(out) + 16)).isEqualTo(POOL);
        assertThat(NatFrames.u16(out, NatFrames.inner(out) + 22)).isEqualTo(portB);

        byte[] toStatic = valid(nat.in(udp(REMOTE, 53, ip("192.0.2.5"), 7777)));
        byte[] error = valid(nat.out(NatFrames.icmpError(staticHost, REMOTE, 3, 3, toStatic, 200)));
        assertThat(source(error)).isEqualTo(ip("192.0.2.5"));
        assertThat(NatFrames.u32(error, NatFrames.inner(error) + 16)).isEqualTo(ip("192.0.2.5"));
        assertThat(NatFrames.u16(error, NatFrames.inner(error) + 22)).as("1:1 keeps ports").isEqualTo(7777);
    }

    @Test
    void anErrorAboutAnEchoRequestTranslatesTheQuotedIdentifier() {
        NatDriver nat = new NatDriver(config());
        nat.out(echo(HOST_A, REMOTE, 8, 9, 1));
        byte[] sentB = valid(nat.out(echo(HOST_B, REMOTE, 8, 9, 1)));
        byte[] in = valid(nat.in(NatFrames.icmpError(ip("192.0.2.254"), POOL, 11, 0, sentB, 200)));
        assertThat(destination(in)).isEqualTo(HOST_B);
        assertThat(NatFrames.u16(in, NatFrames.inner(in) + 24)).as("quoted identifier").isEqualTo(9);
    }

    @Test
    void unmatchedAndCorruptIcmpErrorsAreCountedDrops() {
        NatDriver nat = new NatDriver(config());
        byte[] stranger = udp(POOL, 1111, REMOTE, 53);
        assertThat(nat.in(NatFrames.icmpError(REMOTE, POOL, 3, 3, stranger, 200))).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("icmp-error-unmatched");
        byte[] sent = nat.out(udp(HOST_A, 5000, REMOTE, 53));
        byte[] corrupt = NatFrames.icmpError(REMOTE, POOL, 3, 3, sent, 200);
        corrupt[NatFrames.l4(corrupt) + 2] ^= 0x10;
        assertThat(nat.in(corrupt)).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("icmp-error-malformed");
        byte[] shortQuote = NatFrames.icmpError(REMOTE, POOL, 3, 3, sent, 24);
        assertThat(nat.in(shortQuote)).isNull();
        assertThat(nat.dropReason().name()).isEqualTo("icmp-error-malformed");
    }

    @Test
    void synsGetTheirMssClampedAndOtherSegmentsAreLeftAlone() {
        NatDriver nat = new NatDriver(config().withMssClamp(1400));
        byte[] mss1460 = {2, 4, 0x05, (byte) 0xB4};
        byte[] syn = valid(nat.out(tcp(HOST_A, 4000, REMOTE, 80, SYN, mss1460)));
        assertThat(NatFrames.u16(syn, NatFrames.l4(syn) + 22)).isEqualTo(1400);
        byte[] small = {2, 4, 0x02, 0x18};
        byte[] synAck = valid(nat.in(tcp(REMOTE, 80, POOL, 4000, SYN | ACK, small)));
        assertThat(NatFrames.u16(synAck, NatFrames.l4(synAck) + 22)).as("536 is below the clamp").isEqualTo(536);
        byte[] unaligned = {1, 2, 4, 0x05, (byte) 0xB4, 0, 0, 0};
        byte[] odd = valid(nat.out(tcp(HOST_B, 4001, REMOTE, 80, SYN, unaligned)));
        assertThat(NatFrames.u16(odd, NatFrames.l4(odd) + 23)).isEqualTo(1400);
        byte[] ack = valid(nat.out(tcp(HOST_A, 4000, REMOTE, 80, ACK, mss1460)));
        assertThat(NatFrames.u16(ack, NatFrames.l4(ack) + 22)).as("not a SYN").isEqualTo(1460);
        assertThat(nat.nat.mssClamped()).isEqualTo(2);
    }

    @Test
    void aZeroUdpChecksumStaysZero() {
        NatDriver nat = new NatDriver(config().withPortRange(9000, 9000));
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        byte[] out = valid(nat.out(udp(HOST_B, 5000, REMOTE, 53, false)));
        assertThat(sourcePort(out)).isEqualTo(9000);
        assertThat(NatFrames.udpChecksum(out)).isZero();
        byte[] in = valid(nat.in(udp(REMOTE, 53, POOL, 9000, false)));
        assertThat(NatFrames.udpChecksum(in)).isZero();
        assertThat(destination(in)).isEqualTo(HOST_B);
    }

    @Test
    void mappingsExpireByProtocolAndTcpState() {
        NatConfig config = config();
        NatTimeouts t = config.timeouts();
        NatDriver nat = new NatDriver(config);
        nat.out(udp(HOST_A, 5000, REMOTE, 53));
        nat.out(echo(HOST_A, REMOTE, 8, 5, 1));
        nat.out(tcp(HOST_A, 4000, REMOTE, 80, SYN));
        nat.out(tcp(HOST_B, 4000, REMOTE, 80, SYN));
        nat.in(tcp(REMOTE, 80, POOL, sourcePort(nat.out(tcp(HOST_B, 4000, REMOTE, 80, ACK))), SYN | ACK));
        assertThat(nat.nat.mappings()).isEqualTo(4);

        nat.advance(t.icmp().plusSeconds(1));
        assertThat(nat.in(echo(REMOTE, POOL, 0, 5, 1))).as("ICMP after 60 s").isNull();
        assertThat(nat.in(udp(REMOTE, 53, POOL, 5000))).as("UDP lives 300 s").isNotNull();
        nat.advance(t.tcpTransitory().plusSeconds(1));
        assertThat(nat.in(tcp(REMOTE, 80, POOL, 4000, ACK))).as("half-open TCP after 240 s").isNull();
        nat.advance(t.udp().plusSeconds(1));
        assertThat(nat.in(udp(REMOTE, 53, POOL, 5000))).as("UDP after 300 s idle").isNull();
        assertThat(nat.nat.mappings()).as("only the established TCP connection is left").isEqualTo(1);
        nat.advance(t.tcpEstablished().minusSeconds(700));
        assertThat(nat.nat.mappings()).isEqualTo(1);
        nat.advance(Duration.ofSeconds(700));
        assertThat(nat.nat.mappings()).as("established TCP after 7440 s").isZero();
        assertThat(nat.nat.sessions()).isZero();
    }

    @Test
    void aFullSessionTableIsACountedDropAndLeavesNoMappingBehind() {
        NatDriver nat = new NatDriver(config().withMaxSessions(2));
        assertThat(nat.out(udp(HOST_A, 1, REMOTE, 53))).isNotNull();
        assertThat(nat.out(udp(HOST_A, 2, REMOTE, 53))).isNotNull();
        for (int i = 0; i < 5; i++) {
            assertThat(nat.out(udp(HOST_B, 3 + i, REMOTE, 53))).isNull();
        }
        assertThat(nat.dropReason().name()).isEqualTo("table-full");
        assertThat(nat.nat.drop("table-full").count()).isEqualTo(5);
        assertThat(nat.nat.mappings()).isEqualTo(2);
    }

    @Test
    void ipv6AndNonIpPassOrDropByConfigAndMalformedFramesAreDropped() {
        byte[] ipv6 = NatFrames.ethernet(0x86DD, new byte[] {0x60, 0, 0, 0, 0, 0, 59, 64,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
        byte[] arp = NatFrames.ethernet(0x0806, new byte[28]);
        NatDriver passing = new NatDriver(config());
        assertThat(passing.out(ipv6)).isEqualTo(ipv6);
        assertThat(passing.verdict()).isEqualTo(Nat.OUTSIDE);
        assertThat(passing.in(arp)).isNotNull();
        assertThat(passing.verdict()).isEqualTo(Nat.INSIDE);
        NatDriver dropping = new NatDriver(config().withPassing(false, false, true));
        assertThat(dropping.out(ipv6)).isNull();
        assertThat(dropping.dropReason().name()).isEqualTo("ipv6");
        assertThat(dropping.out(arp)).isNull();
        assertThat(dropping.dropReason().name()).isEqualTo("non-ip");
        byte[] truncated = java.util.Arrays.copyOf(udp(HOST_A, 1, REMOTE, 2), 30);
        assertThat(dropping.out(truncated)).isNull();
        assertThat(dropping.dropReason().name()).isEqualTo("malformed");
    }
}
