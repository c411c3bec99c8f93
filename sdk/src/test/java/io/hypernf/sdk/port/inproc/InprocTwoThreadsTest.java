package io.hypernf.sdk.port.inproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The two ends of a pipe on two threads: the acquire/release protocol on head, tail and the
 * delivery index must hand every slot over with its contents. The sender writes a sequence
 * number and its complement into each frame; the receiver checks that every number arrives once,
 * in order, with intact contents and length.
 */
class InprocTwoThreadsTest {
    private static final int PACKETS = 200_000;

    @Test
    void everyPacketCrossesThreadsOnceInOrderWithItsContents() throws Exception {
        InprocLink link = InprocLink.create("threads", true, 64, 2048);
        InprocPort sender = link.open(0, "inproc:threads{0");
        InprocPort receiver = link.open(1, "inproc:threads}0");
        AtomicReference<String> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);

        Thread send = new Thread(() -> {
            NetmapRing tx = sender.txRing(0);
            long seq = 0;
            while (seq < PACKETS && failure.get() == null && System.nanoTime() < deadline) {
                int head = tx.head();
                int room = tx.space();
                for (int i = 0; i < room && seq < PACKETS; i++, seq++) {
                    long buf = tx.bufferAddress(tx.bufIdx(head));
                    NativeMemory.putLong(buf + 14, seq);
                    NativeMemory.putLong(buf + 22, ~seq);
                    tx.len(head, 60 + (int) (seq % 64));
                    head = tx.next(head);
                }
                tx.head(head);
                tx.cur(head);
                if (sender.txSync() == 0) {
                    Thread.onSpinWait();
                }
            }
            while (tx.space() != tx.numSlots() - 1 && failure.get() == null && System.nanoTime() < deadline) {
                sender.txSync();
                Thread.onSpinWait();
            }
        }, "inproc-sender");

        Thread receive = new Thread(() -> {
            NetmapRing rx = receiver.rxRing(0);
            long expected = 0;
            while (expected < PACKETS && failure.get() == null && System.nanoTime() < deadline) {
                if (receiver.rxSync() == 0) {
                    Thread.onSpinWait();
                }
                int head = rx.head();
                int tail = rx.tail();
                while (head != tail) {
                    long buf = rx.bufferAddress(rx.bufIdx(head));
                    long seq = NativeMemory.getLong(buf + 14);
                    long check = NativeMemory.getLong(buf + 22);
                    int len = rx.len(head);
                    if (seq != expected || check != ~seq || len != 60 + (int) (seq % 64)) {
                        failure.compareAndSet(null, "expected " + expected + ", got seq " + seq + " check " + check + " len " + len);
                        return;
                    }
                    expected++;
                    head = rx.next(head);
                }
                rx.head(head);
                rx.cur(head);
            }
        }, "inproc-receiver");

        send.start();
        receive.start();
        send.join(TimeUnit.SECONDS.toMillis(70));
        receive.join(TimeUnit.SECONDS.toMillis(70));
        try {
            assertThat(failure.get()).isNull();
            assertThat(receiver.counters().rxPackets()).isEqualTo(PACKETS);
            assertThat(sender.counters().txPackets()).isEqualTo(PACKETS);
            assertThat(sender.counters().txDropped()).isZero();
        } finally {
            sender.close();
            receiver.close();
        }
    }
}
