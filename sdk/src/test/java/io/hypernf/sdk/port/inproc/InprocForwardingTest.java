package io.hypernf.sdk.port.inproc;

import static io.hypernf.sdk.port.AbstractPortTest.consume;
import static io.hypernf.sdk.port.AbstractPortTest.fill;
import static io.hypernf.sdk.port.AbstractPortTest.frames;
import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;
import static io.hypernf.sdk.ring.NetmapLayout.RING_HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is particular to in-process links: zero copy, drops on a full pair, holding in a pipe, hostile slots, naming. */
class InprocForwardingTest {

    @Test
    void forwardingSwapsBufferIndicesInsteadOfCopying() {
        try (InprocFixture f = new InprocFixture(false, 8, List.of())) {
            NetmapRing tx = f.port.txRing(0);
            NetmapRing peerRx = f.far.rxRing(0);
            int txSlot = tx.head();
            int leavingBuffer = tx.bufIdx(txSlot);
            int rxSlot = peerRx.head();
            int freeRxBuffer = peerRx.bufIdx(rxSlot);
            assertThat(fill(tx, frames(1, 60, 60))).isEqualTo(1);
            long before = f.port.region().bufferAddress(leavingBuffer);

            assertThat(f.port.txSync()).isEqualTo(1);
            assertThat(f.far.rxSync()).isEqualTo(1);

            assertThat(peerRx.bufIdx(rxSlot)).as("the buffer that left A's TX slot").isEqualTo(leavingBuffer);
            assertThat(peerRx.bufferAddress(peerRx.bufIdx(rxSlot))).isEqualTo(before);
            assertThat(peerRx.slotFlags(rxSlot) & NS_BUF_CHANGED).isEqualTo(NS_BUF_CHANGED);
            assertThat(tx.bufIdx(txSlot)).as("A's TX slot got B's free buffer").isEqualTo(freeRxBuffer);
            assertThat(tx.slotFlags(txSlot) & NS_BUF_CHANGED).isEqualTo(NS_BUF_CHANGED);
            assertThat(peerRx.len(rxSlot)).isEqualTo(60);
        }
    }

    @Test
    void aFullPairDropsCountsAndGivesAShortCount() {
        int slots = 8;
        try (InprocFixture f = new InprocFixture(false, slots, List.of())) {
            NetmapRing tx = f.port.txRing(0);
            assertThat(fill(tx, frames(slots - 1, 60, 60))).isEqualTo(slots - 1);
            assertThat(f.port.txSync()).isEqualTo(slots - 1);
            assertThat(fill(tx, frames(5, 60, 60))).isEqualTo(5);
            assertThat(f.port.txSync()).as("B's RX ring is full").isZero();
            assertThat(f.port.counters().txDropped()).isEqualTo(5);
            assertThat(tx.space()).as("dropped slots are handed back").isEqualTo(slots - 1);
            assertThat(f.far.rxSync()).isEqualTo(slots - 1);
            assertThat(f.far.counters().rxPackets()).isEqualTo(slots - 1);
        }
    }

    @Test
    void aFullPipeHoldsPacketsUntilThePeerMakesRoom() {
        int slots = 8;
        try (InprocFixture f = new InprocFixture(true, slots, List.of())) {
            NetmapRing tx = f.port.txRing(0);
            fill(tx, frames(slots - 1, 60, 60));
            f.port.txSync();
            List<byte[]> held = frames(3, 61, 61);
            fill(tx, held);
            assertThat(f.port.txSync()).isZero();
            assertThat(f.port.counters().txDropped()).isZero();
            assertThat(tx.space()).as("held slots stay with the port").isEqualTo(slots - 1 - 3);
            f.far.rxSync();
            assertThat(consume(f.far.rxRing(0))).hasSize(slots - 1);
            assertThat(f.port.txSync()).isEqualTo(3);
            f.far.rxSync();
            assertThat(consume(f.far.rxRing(0))).containsExactlyElementsOf(held);
        }
    }

    @Test
    void hostileSlotsAreDroppedAndCountedAsErrors() {
        try (InprocFixture f = new InprocFixture(false, 8, List.of())) {
            NetmapRing tx = f.port.txRing(0);
            fill(tx, frames(3, 60, 60));
            tx.len(0, 60000);
            tx.bufIdx(1, 1);
            assertThat(f.port.txSync()).isEqualTo(1);
            assertThat(f.port.counters().errors()).isEqualTo(2);
            assertThat(f.port.counters().txDropped()).isEqualTo(2);
            f.far.rxSync();
            assertThat(consume(f.far.rxRing(0))).containsExactly(frames(3, 60, 60).get(2));
        }
    }

    @Test
    void sendingToAClosedEndDropsAndCounts() {
        try (InprocFixture f = new InprocFixture(false, 8, List.of())) {
            f.far.close();
            fill(f.port.txRing(0), frames(2, 60, 60));
            assertThat(f.port.txSync()).isZero();
            assertThat(f.port.counters().txDropped()).isEqualTo(2);
        }
    }

    @Test
    void portsOpensBothEndsOfANamedLinkThroughTheServiceLoader() {
        assertThat(Ports.schemes()).contains("inproc");
        try (Port a = Ports.open("inproc:ports_test/a?slots=16"); Port b = Ports.open("inproc:ports_test/b?slots=16")) {
            assertThat(a.region()).isSameAs(b.region());
            assertThat(a.name()).isEqualTo("inproc:ports_test/a?slots=16");
            fill(a.txRing(0), frames(2, 60, 60));
            a.txSync();
            b.rxSync();
            assertThat(consume(b.rxRing(0))).containsExactlyElementsOf(frames(2, 60, 60));
            assertThatThrownBy(() -> Ports.open("inproc:ports_test/a?slots=16"))
                    .isInstanceOf(PortException.class).hasMessageContaining("already open");
            assertThatThrownBy(() -> Ports.open("inproc:ports_test/b?slots=32"))
                    .isInstanceOf(PortException.class).hasMessageContaining("slots 32").hasMessageContaining("slots 16");
        }
        assertThat(InprocLinks.exists("ports_test")).as("forgotten when both ends closed").isFalse();
    }

    @Test
    void linksOfOneGroupShareARegionSoForwardingBetweenThemIsZeroCopy() {
        try (Port l1a = Ports.open("inproc:gl1/a?group=gz&links=2"); Port l1b = Ports.open("inproc:gl1/b?group=gz");
             Port l2a = Ports.open("inproc:gl2/a?group=gz"); Port l2b = Ports.open("inproc:gl2/b?group=gz")) {
            assertThat(l1a.region()).isSameAs(l1b.region()).isSameAs(l2a.region()).isSameAs(l2b.region());
            assertThatThrownBy(() -> Ports.open("inproc:gl3/a?group=gz"))
                    .isInstanceOf(PortException.class).hasMessageContaining("group 'gz' already holds 2 links");

            fill(l1a.txRing(0), frames(1, 64, 64));
            l1a.txSync();
            l1b.rxSync();
            NetmapRing in = l1b.rxRing(0);
            NetmapRing out = l2a.txRing(0);
            int slot = in.head();
            int buffer = in.bufIdx(slot);
            int outSlot = out.head();
            int spare = out.bufIdx(outSlot);
            out.bufIdx(outSlot, buffer);
            out.len(outSlot, in.len(slot));
            out.slotFlags(outSlot, NS_BUF_CHANGED);
            in.bufIdx(slot, spare);
            in.slotFlags(slot, NS_BUF_CHANGED);
            in.head(in.next(slot));
            out.head(out.next(outSlot));
            out.cur(out.head());
            assertThat(l2a.txSync()).isEqualTo(1);
            l2b.rxSync();
            NetmapRing last = l2b.rxRing(0);
            assertThat(last.bufIdx(last.head())).as("the buffer from link 1 arrived on link 2 uncopied").isEqualTo(buffer);
            assertThat(consume(last)).containsExactlyElementsOf(frames(1, 64, 64));
        }
    }

    @Test
    void aGroupReusesTheInterfacesOfAClosedLinkWithFreshRings() {
        try (Port keep = Ports.open("inproc:rk/a?group=gr&links=2&slots=8")) {
            Port a = Ports.open("inproc:r1/a?group=gr&slots=8");
            Port b = Ports.open("inproc:r1/b?group=gr&slots=8");
            fill(a.txRing(0), frames(5, 60, 60));
            a.txSync();
            b.rxSync();
            consume(b.rxRing(0));
            a.close();
            b.close();
            assertThat(InprocLinks.exists("r1")).isFalse();
            try (Port c = Ports.open("inproc:r2/a?group=gr&slots=8"); Port d = Ports.open("inproc:r2/b?group=gr&slots=8")) {
                assertThat(c.txRing(0).address()).as("the freed pair is reused").isEqualTo(a.txRing(0).address());
                assertThat(c.txRing(0).head()).isZero();
                assertThat(c.txRing(0).space()).isEqualTo(7);
                assertThat(d.rxRing(0).space()).isZero();
                List<byte[]> sent = frames(7, 61, 70);
                fill(c.txRing(0), sent);
                assertThat(c.txSync()).isEqualTo(7);
                d.rxSync();
                assertThat(consume(d.rxRing(0))).containsExactlyElementsOf(sent);
            }
        }
        assertThat(InprocLinks.exists("rk")).isFalse();
    }

    @Test
    void indicesOutsideTheRingAreCountedNeverFollowed() {
        try (InprocFixture f = new InprocFixture(false, 8, List.of())) {
            NetmapRing tx = f.port.txRing(0);
            NativeMemory.putInt(tx.address() + RING_HEAD, 1000);
            assertThat(f.port.txSync()).isZero();
            assertThat(f.port.counters().errors()).isEqualTo(1);
            NativeMemory.putInt(tx.address() + RING_HEAD, 0);

            NetmapRing peerRx = f.far.rxRing(0);
            NativeMemory.putInt(peerRx.address() + RING_HEAD, -3);
            fill(tx, frames(2, 60, 60));
            assertThat(f.port.txSync()).isZero();
            assertThat(f.port.counters().errors()).isEqualTo(2);
            assertThat(f.port.counters().txDropped()).isEqualTo(2);
            NativeMemory.putInt(peerRx.address() + RING_HEAD, 0);
            assertThat(f.far.rxSync()).isZero();
        }
    }

    @Test
    void pipesOpenThroughPortsByMasterAndSlaveNames() {
        try (Port master = Ports.open("inproc:pp{1"); Port slave = Ports.open("inproc:pp}1")) {
            assertThat(master.region()).isSameAs(slave.region());
            fill(slave.txRing(0), frames(2, 60, 61));
            assertThat(slave.txSync()).isEqualTo(2);
            master.rxSync();
            assertThat(consume(master.rxRing(0))).containsExactlyElementsOf(frames(2, 60, 61));
        }
        assertThat(InprocLinks.exists("pp{1")).isFalse();
    }
}
