package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.FullNatTest.LB;
import static io.hypernf.nf.lb.FullNatTest.VIP;
import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connections keep their backend across changes of the backend set; drained backends keep theirs
 * but get no new ones; down and removed backends lose theirs; weights steer the spread.
 */
class StickinessTest {
    static final int FLOWS = 4000;
    static final int CLIENT_BASE = ip("198.18.0.0");

    private final LoadBalancer lb = FullNatTest.lb(ForwardingMode.FULL_NAT,
            "10.1.0.1 mac=02:00:00:00:b0:01", "10.1.0.2 mac=02:00:00:00:b0:02", "10.1.0.3 mac=02:00:00:00:b0:03",
            "10.1.0.4 mac=02:00:00:00:b0:04");
    private final ManualBatch batch = new ManualBatch(256);

    /** Sends one packet of flow {@code i} (client address and port from i) and returns the backend address it went to, or 0 if dropped. */
    private int send(LoadBalancer target, int flow, long now) {
        batch.reset(LoadBalancer.CLIENT, now, LbFrames.tcp(CLIENT_BASE + flow / 50, VIP, 10000 + flow % 50, 80, flow == -1 ? 0x02 : 0x10, new byte[0]));
        target.process(batch);
        if (batch.verdict(0) != LoadBalancer.SERVER) {
            return 0;
        }
        return new LbFrames.View(batch.frame(0)).destination();
    }

    private Map<Integer, Integer> sendAll(LoadBalancer target, int from, int to) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int flow = from; flow < to; flow++) {
            out.put(flow, send(target, flow, 0));
        }
        return out;
    }

    private static Map<Integer, Integer> counts(Map<Integer, Integer> assignment) {
        Map<Integer, Integer> counts = new HashMap<>();
        assignment.values().forEach(b -> counts.merge(b, 1, Integer::sum));
        return counts;
    }

    @Test
    void theSameFiveTupleAlwaysReachesTheSameBackendEvenOnAnotherLb() {
        Map<Integer, Integer> first = sendAll(lb, 0, FLOWS);
        Map<Integer, Integer> again = sendAll(lb, 0, FLOWS);
        LoadBalancer twin = FullNatTest.lb(ForwardingMode.FULL_NAT,
                "10.1.0.4 mac=02:00:00:00:b0:04", "10.1.0.3 mac=02:00:00:00:b0:03", "10.1.0.2 mac=02:00:00:00:b0:02",
                "10.1.0.1 mac=02:00:00:00:b0:01");
        Map<Integer, Integer> other = sendAll(twin, 0, FLOWS);
        assertThat(again).isEqualTo(first);
        assertThat(other).as("Maglev with the same backends and seed, listed in another order").isEqualTo(first);
        assertThat(counts(first)).hasSize(4).doesNotContainKey(0);
        assertThat(lb.newConnections()).isEqualTo(FLOWS);
    }

    @Test
    void addingABackendLeavesExistingConnectionsAloneAndTakesAShareOfNewOnes() {
        Map<Integer, Integer> before = sendAll(lb, 0, FLOWS);
        lb.registry().add("web", Backend.parse("10.1.0.5 mac=02:00:00:00:b0:05".split(" "), 0));
        assertThat(sendAll(lb, 0, FLOWS)).isEqualTo(before);
        Map<Integer, Integer> fresh = counts(sendAll(lb, FLOWS, 3 * FLOWS));
        assertThat(fresh.get(ip("10.1.0.5"))).as("about a fifth of 8000 new flows").isBetween(1300, 1900);
    }

    @Test
    void aDrainedBackendKeepsItsConnectionsButGetsNoNewOnes() {
        Map<Integer, Integer> before = sendAll(lb, 0, FLOWS);
        lb.registry().setState("web", ip("10.1.0.2"), 0, BackendState.DRAIN);
        assertThat(sendAll(lb, 0, FLOWS)).isEqualTo(before);
        assertThat(counts(sendAll(lb, FLOWS, 2 * FLOWS))).doesNotContainKey(ip("10.1.0.2")).doesNotContainKey(0);
        assertThat(lb.rescheduled()).isZero();
    }

    @Test
    void aBackendMarkedDownLosesItsConnectionsAndOnlyThose() {
        Map<Integer, Integer> before = sendAll(lb, 0, FLOWS);
        int down = ip("10.1.0.3");
        long itsFlows = before.values().stream().filter(b -> b == down).count();
        lb.registry().setState("web", down, 0, BackendState.DOWN);
        Map<Integer, Integer> after = sendAll(lb, 0, FLOWS);
        for (int flow = 0; flow < FLOWS; flow++) {
            if (before.get(flow) == down) {
                assertThat(after.get(flow)).isNotEqualTo(down).isNotZero();
            } else {
                assertThat(after.get(flow)).as("flow " + flow).isEqualTo(before.get(flow));
            }
        }
        assertThat(lb.rescheduled()).isEqualTo(itsFlows);
        lb.registry().setState("web", down, 0, BackendState.UP);
        assertThat(counts(sendAll(lb, FLOWS, 2 * FLOWS))).containsKey(down);
    }

    @Test
    void removingABackendMovesOnlyItsFlows() {
        Map<Integer, Integer> before = sendAll(lb, 0, FLOWS);
        int gone = ip("10.1.0.1");
        lb.registry().remove("web", gone, 0);
        Map<Integer, Integer> after = sendAll(lb, 0, FLOWS);
        long moved = 0;
        for (int flow = 0; flow < FLOWS; flow++) {
            if (!after.get(flow).equals(before.get(flow))) {
                moved++;
                assertThat(before.get(flow)).isEqualTo(gone);
            }
        }
        assertThat(moved).isEqualTo(before.values().stream().filter(b -> b == gone).count()).isPositive();
        assertThat(lb.registry().backends("web")).hasSize(3);
    }

    @Test
    void newFlowsSpreadByWeight() {
        LoadBalancer weighted = FullNatTest.lb(ForwardingMode.FULL_NAT,
                "10.1.0.1 weight=1 mac=02:00:00:00:b0:01", "10.1.0.2 weight=2 mac=02:00:00:00:b0:02", "10.1.0.3 weight=1 mac=02:00:00:00:b0:03");
        int flows = 20000;
        Map<Integer, Integer> counts = counts(sendAll(weighted, 0, flows));
        assertThat(counts.get(ip("10.1.0.1")) / (double) flows).isBetween(0.23, 0.27);
        assertThat(counts.get(ip("10.1.0.2")) / (double) flows).isBetween(0.48, 0.52);
        assertThat(counts.get(ip("10.1.0.3")) / (double) flows).isBetween(0.23, 0.27);
        List<String> report = weighted.registry().report();
        assertThat(report).hasSize(6);
        assertThat(report.get(1)).contains("10.1.0.2 weight=2").contains("table=50.").contains("weight-share=50.00%");
    }

    @Test
    void aFullConnectionTableIsACountedDropInFullNatAndStatelessInDsr() {
        LbConfig small = lb.config().withConnections(10);
        LoadBalancer nat = new LoadBalancer("lb", small, new BackendRegistry(small), null);
        sendAll(nat, 0, 20);
        assertThat(nat.trackedConnections()).isEqualTo(10);
        assertThat(nat.dropped("connection-table-full")).isEqualTo(10);
        LbConfig dsr = new LbConfig(ForwardingMode.IPIP, LB, 0, 0x02_00_00_00_00_FEL, 65537, 10, 0, 300, 10, 30, false,
                small.services(), null, 200, null);
        LoadBalancer ipip = new LoadBalancer("lb", dsr, new BackendRegistry(dsr), null);
        for (int flow = 0; flow < 20; flow++) {
            batch.reset(LoadBalancer.CLIENT, 0, LbFrames.tcp(CLIENT_BASE + flow, VIP, 10000, 80, 0x02, new byte[0]));
            ipip.process(batch);
            assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.SERVER);
        }
        assertThat(ipip.stateless()).isEqualTo(10);
        assertThat(Packet.VERDICT_DROP).isNotEqualTo(LoadBalancer.SERVER);
    }
}
