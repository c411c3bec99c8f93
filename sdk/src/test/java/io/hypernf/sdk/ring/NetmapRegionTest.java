package io.hypernf.sdk.ring;

import static io.hypernf.sdk.ring.NetmapLayout.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Geometry rules of allocated regions, buffer wrappers, bad geometry and mapped-region validation. */
class NetmapRegionTest {

    @Test
    void txRingsStartWithAllButOneSlotFreeAndRxRingsEmpty() {
        try (NetmapRegion region = NetmapRegion.allocate(RingGeometry.simple("p0", 64))) {
            NetmapRing tx = region.txRing(0, 0);
            NetmapRing rx = region.rxRing(0, 0);
            assertThat(tx.isTx()).isTrue();
            assertThat(rx.isTx()).isFalse();
            assertThat(tx.numSlots()).isEqualTo(64);
            assertThat(tx.space()).as("capacity N-1").isEqualTo(63);
            assertThat(tx.tail()).isEqualTo(63);
            assertThat(rx.space()).isZero();
            assertThat(rx.head()).isEqualTo(rx.tail());
        }
    }

    @Test
    void everySlotHasItsOwnBufferAndReservedBuffersAreNeverHandedOut() {
        RingGeometry g = new RingGeometry("p0", 2, 3, 8, 16, 2048);
        try (NetmapRegion region = NetmapRegion.allocate(5, List.of(g))) {
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < 2; r++) {
                NetmapRing ring = region.txRing(0, r);
                for (int s = 0; s < ring.numSlots(); s++) {
                    assertThat(seen.add(ring.bufIdx(s))).isTrue();
                }
            }
            for (int r = 0; r < 3; r++) {
                NetmapRing ring = region.rxRing(0, r);
                for (int s = 0; s < ring.numSlots(); s++) {
                    assertThat(seen.add(ring.bufIdx(s))).isTrue();
                }
            }
            assertThat(seen).hasSize((int) g.slotBuffers()).doesNotContain(0, 1);
            assertThat(region.bufferCount()).isEqualTo(NetmapRegion.RESERVED_BUFFERS + (int) g.slotBuffers() + 5);
            NetmapIf nifp = new NetmapIf().wrap(region.interfaceAddress(0));
            int extra = nifp.bufsHead();
            int chained = 0;
            while (extra != 0) {
                assertThat(seen.add(extra)).as("extra buffer %d is used once", extra).isTrue();
                extra = NativeMemory.getInt(region.bufferAddress(extra));
                chained++;
            }
            assertThat(chained).isEqualTo(5);
        }
    }

    @Test
    void ringsOfOneRegionShareOnePoolSoIndicesMeanTheSameBufferEverywhere() {
        try (NetmapRegion region = NetmapRegion.allocate(0, List.of(RingGeometry.simple("a", 8), RingGeometry.simple("b", 8)))) {
            NetmapRing aTx = region.txRing(0, 0);
            NetmapRing bRx = region.rxRing(1, 0);
            int idx = aTx.bufIdx(0);
            assertThat(bRx.bufferAddress(idx)).isEqualTo(aTx.bufferAddress(idx)).isEqualTo(region.bufferAddress(idx));
            assertThat(region.interfaceIndex("b")).isEqualTo(1);
            assertThat(new NetmapIf().wrap(region.interfaceAddress(1)).name()).isEqualTo("b");
        }
    }

    @Test
    void bufferWrappersAreMadeOnceAndReused() {
        try (NetmapRegion region = NetmapRegion.allocate(RingGeometry.simple("p0", 8))) {
            int idx = region.txRing(0, 0).bufIdx(3);
            ByteBuf first = region.buffer(idx);
            ByteBuf again = region.buffer(idx);
            assertThat(again).isSameAs(first);
            assertThat(first.capacity()).isEqualTo(2048);
            assertThat(first.memoryAddress()).isEqualTo(region.bufferAddress(idx));
            first.setInt(0, 0xCAFEBABE);
            assertThat(NativeMemory.getInt(region.bufferAddress(idx))).isEqualTo(Integer.reverseBytes(0xCAFEBABE));
            assertThat(region.buffer(idx + 1)).isNotSameAs(first);
            assertThatThrownBy(() -> region.buffer(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("buffer index 1");
            assertThatThrownBy(() -> region.buffer(region.bufferCount())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void badGeometryNamesTheFieldAndValue() {
        assertThatThrownBy(() -> new RingGeometry("p", 1, 1, 1, 8, 2048)).hasMessageContaining("txSlots 1");
        assertThatThrownBy(() -> new RingGeometry("p", 1, 1, 8, 20000, 2048)).hasMessageContaining("rxSlots 20000");
        assertThatThrownBy(() -> new RingGeometry("p", 0, 1, 8, 8, 2048)).hasMessageContaining("txRings 0");
        assertThatThrownBy(() -> new RingGeometry("p", 1, 65, 8, 8, 2048)).hasMessageContaining("rxRings 65");
        assertThatThrownBy(() -> new RingGeometry("p", 1, 1, 8, 8, 2000)).hasMessageContaining("bufferSize 2000");
        assertThatThrownBy(() -> new RingGeometry("p", 1, 1, 8, 8, 32)).hasMessageContaining("bufferSize 32");
        assertThatThrownBy(() -> new RingGeometry("a-very-long-name", 1, 1, 8, 8, 2048)).hasMessageContaining("name 'a-very-long-name'");
        assertThatThrownBy(() -> NetmapRegion.allocate(0, List.of(RingGeometry.simple("a", 8), new RingGeometry("b", 1, 1, 8, 8, 4096))))
                .hasMessageContaining("bufferSize 4096");
        assertThatThrownBy(() -> NetmapRegion.allocate(-1, List.of(RingGeometry.simple("a", 8)))).hasMessageContaining("extraBuffers -1");
    }

    @Test
    void mappedWrapsADeviceLayoutAndFindsItsRings() {
        try (NetmapRegion device = NetmapRegion.allocate(RingGeometry.simple("eth0", 32))) {
            NetmapRegion mapped = NetmapRegion.mapped(device.address(), device.size(), device.interfaceAddress(0) - device.address(), () -> {});
            assertThat(mapped.interfaceName(0)).isEqualTo("eth0");
            assertThat(mapped.bufferSize()).isEqualTo(2048);
            assertThat(mapped.poolAddress()).isEqualTo(device.poolAddress());
            assertThat(mapped.txRing(0, 0).address()).isEqualTo(device.txRing(0, 0).address());
            assertThat(mapped.rxRing(0, 0).address()).isEqualTo(device.rxRing(0, 0).address());
        }
    }

    @Test
    void mappedRejectsOffsetsAndRingsOutsideTheMapping() {
        try (NetmapRegion device = NetmapRegion.allocate(RingGeometry.simple("eth0", 32))) {
            long base = device.address();
            long size = device.size();
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, size, () -> {})).hasMessageContaining("nr_offset " + size);
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, -8, () -> {})).hasMessageContaining("nr_offset -8");
            long nifp = device.interfaceAddress(0);
            NativeMemory.putInt(nifp + IF_TX_RINGS, 0);
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, 0, () -> {})).hasMessageContaining("0 TX rings");
            NativeMemory.putInt(nifp + IF_TX_RINGS, 1);
            long ringOfs = NativeMemory.getLong(nifp + IF_RING_OFS);
            NativeMemory.putLong(nifp + IF_RING_OFS, size * 2);
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, 0, () -> {})).hasMessageContaining("outside the region");
            NativeMemory.putLong(nifp + IF_RING_OFS, ringOfs);
            long ring = nifp + ringOfs;
            NativeMemory.putInt(ring + RING_NUM_SLOTS, 1_000_000);
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, 0, () -> {})).hasMessageContaining("num_slots 1000000");
            NativeMemory.putInt(ring + RING_NUM_SLOTS, 32);
            NativeMemory.putInt(ring + RING_NR_BUF_SIZE, 7);
            assertThatThrownBy(() -> NetmapRegion.mapped(base, size, 0, () -> {})).hasMessageContaining("nr_buf_size 7");
        }
    }

    @Test
    void closeRunsTheReleaseOnce() {
        try (NetmapRegion device = NetmapRegion.allocate(RingGeometry.simple("eth0", 8))) {
            int[] unmaps = new int[1];
            NetmapRegion mapped = NetmapRegion.mapped(device.address(), device.size(), 0, () -> unmaps[0]++);
            mapped.close();
            mapped.close();
            assertThat(unmaps[0]).isEqualTo(1);
        }
    }

    @Test
    void boundsChecksCatchSlotAndIndexOutsideTheRing() {
        assertThat(NativeMemory.BOUNDS_CHECKS).as("tests run with -Dhypernf.boundsChecks=true").isTrue();
        try (NetmapRegion region = NetmapRegion.allocate(RingGeometry.simple("p0", 8))) {
            NetmapRing tx = region.txRing(0, 0);
            assertThatThrownBy(() -> tx.slotAddress(8)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("slot 8");
            assertThatThrownBy(() -> tx.head(8)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("ring index 8");
            assertThat(tx.isValidBuffer(region.bufferCount() + 10)).isFalse();
            assertThat(tx.isValidBuffer(-1)).isFalse();
        }
    }
}
