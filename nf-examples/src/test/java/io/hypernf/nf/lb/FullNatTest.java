package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Full NAT both ways, with every checksum checked by recomputing it from scratch. */
class FullNatTest {
    static final int VIP = ip("10.0.0.10");
    static final int LB = ip("10.0.0.1");
    static final int CLIENT = ip("192.0.2.7");
    static final int BACKEND = ip("10.1.0.1");
    static final long BACKEND_MAC = 0x02_00_00_00_B0_01L;
    static final byte[] PAYLOAD = "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static LoadBalancer lb(ForwardingMode mode, String... backends) {
        List<Backend> list = new java.util.ArrayList<>();
        for (String b : backends) {
            list.add(Backend.parse(b.split(" "), 0));
        }
        LbConfig config = LbConfig.of(mode, LB, List.of(
                new VirtualService("web", VIP, 80, 6, list),
                new VirtualService("dns", VIP, 53, 17, list)));
        return new LoadBalancer("lb", config, new BackendRegistry(config), null);
    }

    @Test
    void aClientPacketIsTranslatedToTheBackendAndTheReplyBackToTheClient() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT, "10.1.0.1:8080 mac=02:00:00:00:b0:01");
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0, LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x18, PAYLOAD));
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.SERVER);
        LbFrames.View out = new LbFrames.View(batch.frame(0));
        assertThat(out.destination()).isEqualTo(BACKEND);
        assertThat(out.source()).isEqualTo(LB);
        assertThat(out.destinationPort()).isEqualTo(8080);
        assertThat(out.sourcePort()).as("client port preserved as SNAT port").isEqualTo(40000);
        assertThat(out.ipChecksumOk()).isTrue();
        assertThat(out.l4ChecksumOk()).isTrue();
        assertThat(out.destinationMac()).isEqualTo(BACKEND_MAC);
        assertThat(out.sourceMac()).as("the MAC the client addressed").isEqualTo(LbFrames.LB_MAC);

        byte[] reply = LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 8080, 40000, 0x18, "HTTP/1.0 200 OK".getBytes());
        batch.reset(LoadBalancer.SERVER, 1, reply);
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.CLIENT);
        LbFrames.View back = new LbFrames.View(batch.frame(0));
        assertThat(back.source()).isEqualTo(VIP);
        assertThat(back.sourcePort()).isEqualTo(80);
        assertThat(back.destination()).isEqualTo(CLIENT);
        assertThat(back.destinationPort()).isEqualTo(40000);
        assertThat(back.ipChecksumOk()).isTrue();
        assertThat(back.l4ChecksumOk()).isTrue();
        assertThat(back.destinationMac()).isEqualTo(LbFrames.CLIENT_MAC);
        assertThat(back.sourceMac()).isEqualTo(LbFrames.LB_MAC);
        assertThat(lb.repliesTranslated()).isEqualTo(1);
    }

    @Test
    void withLbMacTheBackendSideUsesItAndTheReplyLeavesFromTheMacTheClientAddressed() {
        long serverSideMac = 0x02_00_00_00_5E_01L;
        List<Backend> backends = List.of(Backend.parse("10.1.0.1 mac=02:00:00:00:b0:01".split(" "), 0));
        LbConfig config = LbConfig.of(ForwardingMode.FULL_NAT, LB, List.of(new VirtualService("web", VIP, 80, 6, backends)))
                .withLbMac(serverSideMac);
        LoadBalancer lb = new LoadBalancer("lb", config, new BackendRegistry(config), null);
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0, LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]));
        lb.process(batch);
        LbFrames.View out = new LbFrames.View(batch.frame(0));
        assertThat(out.sourceMac()).as("towards the backends: lb-mac").isEqualTo(serverSideMac);

        batch.reset(LoadBalancer.SERVER, 1, LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 80, out.sourcePort(), 0x12, new byte[0]));
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.CLIENT);
        LbFrames.View back = new LbFrames.View(batch.frame(0));
        assertThat(back.destinationMac()).isEqualTo(LbFrames.CLIENT_MAC);
        assertThat(back.sourceMac()).as("towards the client: the MAC it addressed, not lb-mac").isEqualTo(LbFrames.LB_MAC);
    }

    @Test
    void udpWithAndWithoutAChecksum() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT, "10.1.0.1 mac=02:00:00:00:b0:01");
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0,
                LbFrames.udp(CLIENT, VIP, 5353, 53, new byte[] {1, 2, 3, 4, 5}, true),
                LbFrames.udp(CLIENT, VIP, 5354, 53, new byte[] {1, 2, 3}, false));
        lb.process(batch);
        LbFrames.View withSum = new LbFrames.View(batch.frame(0));
        assertThat(withSum.destination()).isEqualTo(BACKEND);
        assertThat(withSum.destinationPort()).isEqualTo(53);
        assertThat(withSum.l4ChecksumOk()).isTrue();
        assertThat(withSum.ipChecksumOk()).isTrue();
        LbFrames.View without = new LbFrames.View(batch.frame(1));
        assertThat(without.storedL4Checksum()).as("RFC 768: zero means no checksum, and stays so").isZero();
        assertThat(without.ipChecksumOk()).isTrue();
        byte[] reply = LbFrames.fromBackend(BACKEND_MAC, 17, BACKEND, LB, 53, withSum.sourcePort(), 0, new byte[] {9, 9});
        batch.reset(LoadBalancer.SERVER, 1, reply);
        lb.process(batch);
        LbFrames.View back = new LbFrames.View(batch.frame(0));
        assertThat(back.source()).isEqualTo(VIP);
        assertThat(back.destinationPort()).isEqualTo(5353);
        assertThat(back.l4ChecksumOk()).isTrue();
    }

    @Test
    void twoClientsWithTheSamePortGetDistinctSnatPortsAndTheirOwnReplies() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT, "10.1.0.1 mac=02:00:00:00:b0:01");
        int other = ip("198.51.100.9");
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0,
                LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]),
                LbFrames.tcp(other, VIP, 40000, 80, 0x02, new byte[0]));
        lb.process(batch);
        int first = new LbFrames.View(batch.frame(0)).sourcePort();
        int second = new LbFrames.View(batch.frame(1)).sourcePort();
        assertThat(first).isEqualTo(40000);
        assertThat(second).isNotEqualTo(first).isBetween(1024, 65535);
        batch.reset(LoadBalancer.SERVER, 1,
                LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 80, second, 0x12, new byte[0]),
                LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 80, first, 0x12, new byte[0]));
        lb.process(batch);
        assertThat(new LbFrames.View(batch.frame(0)).destination()).isEqualTo(other);
        assertThat(new LbFrames.View(batch.frame(1)).destination()).isEqualTo(CLIENT);
        assertThat(new LbFrames.View(batch.frame(1)).l4ChecksumOk()).isTrue();
    }

    @Test
    void strayRepliesAndOtherTrafficAreCountedDropsOrPassedAsConfigured() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT, "10.1.0.1 mac=02:00:00:00:b0:01");
        ManualBatch batch = ManualBatch.of(LoadBalancer.SERVER, 0,
                LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 80, 12345, 0x12, new byte[0]));
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(lb.dropped("reply-without-connection")).isEqualTo(1);
        batch.reset(LoadBalancer.CLIENT, 0, LbFrames.tcp(CLIENT, VIP, 1000, 443, 0x02, new byte[0]), new byte[20]);
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(batch.verdict(1)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(lb.dropped("not-for-a-service")).isEqualTo(2);

        LbConfig passing = lb.config().withPassNonVip(true);
        LoadBalancer pass = new LoadBalancer("lb", passing, new BackendRegistry(passing), null);
        byte[] other = LbFrames.tcp(CLIENT, VIP, 1000, 443, 0x02, new byte[0]);
        batch.reset(LoadBalancer.CLIENT, 0, other);
        pass.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.SERVER);
        assertThat(batch.frame(0)).isEqualTo(other);
    }

    @Test
    void aServiceWithoutBackendsDropsAndCounts() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT);
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0, LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]));
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(lb.dropped("no-backend")).isEqualTo(1);
    }

    @Test
    void finOrRstShortensTheTimeoutAndIdleConnectionsExpireWithTheirReplyMapping() {
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT, "10.1.0.1 mac=02:00:00:00:b0:01");
        long second = 1_000_000_000L;
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0,
                LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]),
                LbFrames.tcp(CLIENT, VIP, 40001, 80, 0x02, new byte[0]));
        lb.process(batch);
        batch.reset(LoadBalancer.CLIENT, second, LbFrames.tcp(CLIENT, VIP, 40001, 80, 0x11, new byte[0]));
        lb.process(batch);
        assertThat(lb.trackedConnections()).isEqualTo(2);
        for (long t = 20 * second; t < 21 * second; t += 1_000_000) {
            lb.tick(t);
        }
        assertThat(lb.trackedConnections()).as("the FIN'd one is gone after 10 s, the other lives 300 s").isEqualTo(1);
        batch.reset(LoadBalancer.SERVER, 21 * second, LbFrames.fromBackend(BACKEND_MAC, 6, BACKEND, LB, 80, 40001, 0x10, new byte[0]));
        lb.process(batch);
        assertThat(lb.dropped("reply-without-connection")).as("its reply mapping went with it").isEqualTo(1);
        for (long t = 400 * second; t < 401 * second; t += 1_000_000) {
            lb.tick(t);
        }
        assertThat(lb.trackedConnections()).isZero();
        assertThat(lb.expiredConnections()).isEqualTo(2);
    }
}
