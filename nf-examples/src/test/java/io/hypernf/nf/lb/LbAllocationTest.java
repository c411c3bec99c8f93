package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.FullNatTest.LB;
import static io.hypernf.nf.lb.FullNatTest.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import io.hypernf.sdk.nf.ManualBatch;
import org.junit.jupiter.api.Test;

/** The data path allocates nothing per packet once warm: new connections, tracked ones, replies, expiry, encapsulation. */
class LbAllocationTest {

    @Test
    void theSteadyStateAllocatesNothing() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();
        for (ForwardingMode mode : ForwardingMode.values()) {
            LbConfig config = FullNatTest.lb(mode, "10.1.0.1 mac=02:00:00:00:b0:01", "10.1.0.2 mac=02:00:00:00:b0:02")
                    .config().withConnections(64);
            LoadBalancer lb = new LoadBalancer("lb", config, new BackendRegistry(config), null);
            byte[][] requests = new byte[32][];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = i % 4 == 0 ? LbFrames.udp(0xC6120000 + i, VIP, 5000 + i, 53, new byte[8], true)
                        : LbFrames.tcp(0xC6120000 + i, VIP, 20000 + i, 80, i % 7 == 0 ? 0x11 : 0x10, new byte[16]);
            }
            byte[][] replies = new byte[4][];
            for (int i = 0; i < replies.length; i++) {
                replies[i] = LbFrames.fromBackend(0x02_00_00_00_B0_01L, 6, 0x0A010001, LB, 80, 20001 + i, 0x10, new byte[4]);
            }
            ManualBatch in = new ManualBatch(256);
            ManualBatch back = new ManualBatch(256).reset(LoadBalancer.SERVER, 0, replies);
            run(lb, in, back, requests, 2_000);
            long before = allocations.now();
            run(lb, in, back, requests, 2_000);
            long allocated = allocations.now() - before;
            assertThat(lb.expiredConnections()).as(mode + " expiry ran").isPositive();
            assertThat(allocated).as(mode + ": bytes allocated for 72,000 packets").isLessThan(1024);
        }
    }

    private static void run(LoadBalancer lb, ManualBatch in, ManualBatch back, byte[][] requests, int rounds) {
        for (int r = 0; r < rounds; r++) {
            // Every 500 rounds the clock jumps past the TCP timeout: the tick expires every
            // connection, and the next packets make them again.
            long now = r * 50_000_000L + (r / 500) * 400_000_000_000L;
            lb.tick(now);
            if (r % 100 == 0) {
                in.reset(LoadBalancer.CLIENT, now, requests);
            } else {
                in.rearm(LoadBalancer.CLIENT, now);
            }
            lb.process(in);
            lb.process(back.rearm(LoadBalancer.SERVER, now));
        }
    }
}
