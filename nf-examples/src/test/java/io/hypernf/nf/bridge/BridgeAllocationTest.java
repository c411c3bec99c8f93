package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import io.hypernf.sdk.nf.ManualBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning, forwarding, flooding, moves and ageing allocate nothing per frame once warm. */
class BridgeAllocationTest {

    @Test
    void theSteadyStateAllocatesNothing() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();
        Bridge bridge = new Bridge("br", BridgeConfig.defaults().withPorts(List.of("a", "b", "c")).withTableSize(8).withAgeSeconds(1));
        byte[][] frames = new byte[32][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = BridgeTest.frame(i % 5 == 0 ? BridgeTest.BROADCAST : 0x02_00_00_00_00_00L + (i * 7 % 13),
                    0x02_00_00_00_00_00L + (i % 13));
        }
        ManualBatch batch = new ManualBatch(128).reset(0, 0, frames);
        run(bridge, batch, 20_000);
        long before = allocations.now();
        run(bridge, batch, 20_000);
        long allocated = allocations.now() - before;
        assertThat(bridge.moved()).isPositive();
        assertThat(bridge.aged()).isPositive();
        assertThat(allocated).as("bytes allocated for 640,000 frames").isLessThan(1024);
    }

    private static void run(Bridge bridge, ManualBatch batch, int rounds) {
        for (int r = 0; r < rounds; r++) {
            int port = r % 3;
            // Every 1000 rounds the clock jumps 2 s, past the 1 s age, so the tick has entries to forget.
            long now = r * 200_000L + (r / 1000) * 2_000_000_000L;
            bridge.tick(now);
            bridge.process(batch.rearm(port, now));
        }
    }
}
