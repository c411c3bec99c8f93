package io.hypernf.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void keepsAFreePreferredPortAndHandsOutEveryRangePortOnceThenNone() {
        PortAllocator ports = new PortAllocator(2, 1000, 1099, 0, 16, 99);
        assertThat(ports.allocate(0, PortAllocator.UDP, 53)).as("outside the range, but free").isEqualTo(53);
        int fromRange = ports.allocate(0, PortAllocator.UDP, 53);
        assertThat(fromRange).as("taken now: one from the range").isBetween(1000, 1099);
        Set<Integer> seen = new HashSet<>(Set.of(fromRange));
        for (int i = 0; i < 99; i++) {
            int port = ports.allocate(0, PortAllocator.UDP, -1);
            assertThat(port).isBetween(1000, 1099);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        assertThat(ports.exhausted(0, PortAllocator.UDP)).isTrue();
        assertThat(ports.allocate(0, PortAllocator.UDP, -1)).isEqualTo(-1);
        assertThat(ports.allocate(0, PortAllocator.UDP, 2000)).as("still free outside the range").isEqualTo(2000);
        assertThat(ports.allocate(0, PortAllocator.TCP, -1)).as("TCP is another space").isBetween(1000, 1099);
        assertThat(ports.allocate(1, PortAllocator.UDP, -1)).as("so is another address").isBetween(1000, 1099);
    }

    @Test
    void rangeStartsAreSpreadNotSequential() {
        PortAllocator ports = new PortAllocator(1, 1024, 65535, 0, 16, 7);
        Set<Integer> firstHundred = new HashSet<>();
        int below2048 = 0;
        for (int i = 0; i < 100; i++) {
            int port = ports.allocate(0, PortAllocator.TCP, -1);
            firstHundred.add(port);
            below2048 += port < 2048 ? 1 : 0;
        }
        assertThat(firstHundred).hasSize(100);
        assertThat(below2048).as("RFC 6056: not simply counting up from the bottom of the range").isLessThan(20);
    }

    @Test
    void releasedPortsComeBackOnlyAfterTheHoldDown() {
        PortAllocator ports = new PortAllocator(1, 5000, 5000, 240 * SECOND, 16, 1);
        assertThat(ports.allocate(0, PortAllocator.UDP, -1)).isEqualTo(5000);
        ports.release(0, PortAllocator.UDP, 5000, 10 * SECOND);
        assertThat(ports.heldDown()).isEqualTo(1);
        assertThat(ports.reclaim(249 * SECOND, 100)).isZero();
        assertThat(ports.allocate(0, PortAllocator.UDP, 5000)).isEqualTo(-1);
        assertThat(ports.reclaim(250 * SECOND, 100)).isEqualTo(1);
        assertThat(ports.allocate(0, PortAllocator.UDP, -1)).isEqualTo(5000);
    }

    @Test
    void aFullHoldDownQueueFreesItsOldestEarlyAndCountsIt() {
        PortAllocator ports = new PortAllocator(1, 6000, 6002, 100 * SECOND, 2, 1);
        for (int i = 0; i < 3; i++) {
            ports.allocate(0, PortAllocator.ICMP, 6000 + i);
        }
        ports.release(0, PortAllocator.ICMP, 6000, SECOND);
        ports.release(0, PortAllocator.ICMP, 6001, 2 * SECOND);
        ports.release(0, PortAllocator.ICMP, 6002, 3 * SECOND);
        assertThat(ports.holdDownOverflows()).isEqualTo(1);
        assertThat(ports.isUsed(0, PortAllocator.ICMP, 6000)).as("the oldest went early").isFalse();
        assertThat(ports.isUsed(0, PortAllocator.ICMP, 6001)).isTrue();
        assertThat(ports.reserve(0, PortAllocator.ICMP, 6000)).isTrue();
        assertThat(ports.reserve(0, PortAllocator.ICMP, 6000)).as("reserved twice").isFalse();
    }
}
