package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BridgeTest {
    static final long A = 0x02_00_00_00_00_0AL;
    static final long B = 0x02_00_00_00_00_0BL;
    static final long C = 0x02_00_00_00_00_0CL;
    static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    static final long IPV4_MULTICAST = 0x01_00_5E_00_00_FBL;
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Bridge bridge = new Bridge("br", BridgeConfig.defaults().withPorts(List.of("a", "b", "c")));

    /** A 60-byte frame (the Ethernet minimum without FCS) from {@code source} to {@code destination}. */
    static byte[] frame(long destination, long source) {
        byte[] f = new byte[60];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (destination >>> (40 - 8 * i));
            f[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xB5;
        return f;
    }

    private int send(int port, long now, long destination, long source) {
        ManualBatch batch = ManualBatch.of(port, now, frame(destination, source));
        bridge.process(batch);
        return batch.verdict(0);
    }

    @Test
    void unknownUnicastFloodsThenTheLearnedPortIsUsedBothWays() {
        assertThat(send(0, 0, B, A)).isEqualTo(Packet.VERDICT_FLOOD);
        assertThat(bridge.portOf(A, 0)).isEqualTo(0);
        assertThat(send(1, 1, A, B)).as("A was learned on port 0").isEqualTo(0);
        assertThat(send(0, 2, B, A)).as("B was learned on port 1").isEqualTo(1);
        assertThat(bridge.learned()).isEqualTo(2);
        assertThat(bridge.floodedUnknown()).isEqualTo(1);
        assertThat(bridge.forwardedKnown()).isEqualTo(2);
    }

    @Test
    void broadcastAndMulticastFloodAndGroupSourcesAreNeverLearned() {
        send(1, 0, C, B);
        assertThat(send(1, 1, BROADCAST, B)).isEqualTo(Packet.VERDICT_FLOOD);
        assertThat(send(2, 2, IPV4_MULTICAST, C)).isEqualTo(Packet.VERDICT_FLOOD);
        assertThat(send(0, 3, B, IPV4_MULTICAST)).as("B is known, and still is").isEqualTo(1);
        assertThat(bridge.portOf(IPV4_MULTICAST, 3)).isEqualTo(-1);
        assertThat(send(0, 4, BROADCAST, BROADCAST)).isEqualTo(Packet.VERDICT_FLOOD);
        assertThat(bridge.portOf(BROADCAST, 4)).isEqualTo(-1);
        assertThat(bridge.floodedGroup()).isEqualTo(3);
        assertThat(bridge.tableSize()).isEqualTo(2);
    }

    @Test
    void aDestinationOnTheInputPortIsDroppedAndCounted() {
        send(0, 0, BROADCAST, A);
        assertThat(send(0, 1, A, B)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(bridge.droppedSamePort()).isEqualTo(1);
    }

    @Test
    void aStationThatMovesIsFollowed() {
        send(0, 0, BROADCAST, A);
        assertThat(send(1, 1, A, B)).isEqualTo(0);
        send(2, 2, BROADCAST, A);
        assertThat(bridge.moved()).isEqualTo(1);
        assertThat(send(1, 3, A, B)).isEqualTo(2);
        assertThat(bridge.learned()).isEqualTo(2);
    }

    @Test
    void entriesAgeOutUnlessTheirSourceIsSeenAgain() {
        Bridge shortAge = new Bridge("br", BridgeConfig.defaults().withAgeSeconds(10));
        ManualBatch batch = ManualBatch.of(0, 0, frame(BROADCAST, A));
        shortAge.process(batch);
        batch.reset(0, 0, frame(BROADCAST, C));
        shortAge.process(batch);
        batch.reset(1, 9 * SECOND, frame(A, B));
        shortAge.process(batch);
        assertThat(batch.verdict(0)).as("9 s after: still known").isEqualTo(0);
        batch.reset(0, 9 * SECOND, frame(BROADCAST, A));
        shortAge.process(batch);
        batch.reset(1, 15 * SECOND, frame(A, B));
        shortAge.process(batch);
        assertThat(batch.verdict(0)).as("A refreshed at 9 s").isEqualTo(0);
        batch.reset(1, 15 * SECOND, frame(C, B));
        shortAge.process(batch);
        assertThat(batch.verdict(0)).as("C idle 15 s > 10 s: flooded even before the sweep").isEqualTo(Packet.VERDICT_FLOOD);
        for (long t = 15 * SECOND; t < 16 * SECOND; t += 1_000_000) {
            shortAge.tick(t);
        }
        assertThat(shortAge.aged()).as("the sweep removed C").isEqualTo(1);
        assertThat(shortAge.tableSize()).isEqualTo(2);
        for (long t = 30 * SECOND; t < 31 * SECOND; t += 1_000_000) {
            shortAge.tick(t);
        }
        assertThat(shortAge.tableSize()).isZero();
    }

    @Test
    void aFullTableLearnsNothingMoreAndCountsIt() {
        Bridge small = new Bridge("br", BridgeConfig.defaults().withTableSize(2));
        ManualBatch batch = new ManualBatch(128);
        for (long mac = 1; mac <= 3; mac++) {
            batch.reset(0, 0, frame(BROADCAST, 0x02_00_00_00_10_00L + mac));
            small.process(batch);
        }
        assertThat(small.tableSize()).isEqualTo(2);
        assertThat(small.learnFull()).isEqualTo(1);
        batch.reset(1, 1, frame(0x02_00_00_00_10_03L, B));
        small.process(batch);
        assertThat(batch.verdict(0)).as("the third address was never learned").isEqualTo(Packet.VERDICT_FLOOD);
        batch.reset(1, 1, frame(0x02_00_00_00_10_01L, B));
        small.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(0);
    }

    @Test
    void runtsAreDroppedAndCounted() {
        ManualBatch batch = ManualBatch.of(0, 0, new byte[13], new byte[0]);
        bridge.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(batch.verdict(1)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(bridge.droppedRunt()).isEqualTo(2);
    }

    @Test
    void aBatchIsHandledFrameByFrameInOrder() {
        ManualBatch batch = ManualBatch.of(0, 0, frame(B, A), frame(A, C), frame(C, A));
        bridge.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_FLOOD);
        assertThat(batch.verdict(1)).as("A learned by frame 0, same port as C").isEqualTo(Packet.VERDICT_DROP);
        assertThat(batch.verdict(2)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(batch.frame(0)).isEqualTo(frame(B, A));
    }
}
