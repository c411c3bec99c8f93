package io.hypernf.nf.forward;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.Locale;

/**
 * What the runtime and the forward NF cost over moving the same packets by hand: two in-process
 * links of one group (one region), a driver that keeps the "lan" link's far end sending 64-byte
 * frames and the "wan" link's far end draining, and in between either
 * <ul>
 *   <li>baseline: a hand-written loop that swaps each RX slot's buffer into the TX ring, or</li>
 *   <li>runtime: {@link NfRuntime#runOnce} with a {@link ForwardNf} (batches, verdicts, counters).</li>
 * </ul>
 * Both run in one JVM, alternating, round 0 being the warm-up; the result is the ratio of their
 * rates. Run after {@code mvn -q install -DskipTests}:
 * <pre>
 * mvn -q -pl nf-examples dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt):nf-examples/target/test-classes:nf-examples/target/classes" io.hypernf.nf.forward.ForwardBenchmark
 * </pre>
 */
public final class ForwardBenchmark {
    private static final int BATCH = 256;
    private static final long PACKETS = 5_000_000;

    private ForwardBenchmark() {}

    public static void main(String[] args) {
        String q = "?group=bench&links=2&slots=1024";
        Port sender = Ports.open("inproc:blan/a" + q);
        Port lan = Ports.open("inproc:blan/b" + q);
        Port wan = Ports.open("inproc:bwan/a" + q);
        Port receiver = Ports.open("inproc:bwan/b" + q);
        NfRuntime runtime = NfRuntime.builder(new RunOptions(BATCH, IdleMode.SPIN, 100)).port("lan", lan).port("wan", wan)
                .nf("fwd", new ForwardNf("fwd", new ForwardConfig(false, false)))
                .connect("fwd", "in", "lan").connect("fwd", "out", "wan").build();
        for (int round = 0; round < 4; round++) {
            double base = measure(sender, receiver, () -> handForward(lan, wan));
            double rt = measure(sender, receiver, runtime::runOnce);
            System.out.printf(Locale.ROOT, "round %d: baseline %.2f Mpps, runtime+forward %.2f Mpps, ratio %.2f%n",
                    round, base / 1e6, rt / 1e6, rt / base);
        }
        runtime.close();
        sender.close();
        receiver.close();
    }

    private interface Step { int run(); }

    private static double measure(Port sender, Port receiver, Step step) {
        long moved = 0;
        long start = System.nanoTime();
        while (moved < PACKETS) {
            send(sender);
            moved += step.run();
            drain(receiver);
        }
        return moved / ((System.nanoTime() - start) / 1e9);
    }

    private static void send(Port sender) {
        sender.txSync();
        NetmapRing tx = sender.txRing(0);
        int head = tx.head();
        int n = Math.min(tx.space(), BATCH);
        for (int i = 0; i < n; i++) {
            tx.len(head, 64);
            head = tx.next(head);
        }
        tx.head(head);
        tx.cur(head);
        sender.txSync();
    }

    private static void drain(Port receiver) {
        receiver.rxSync();
        NetmapRing rx = receiver.rxRing(0);
        int tail = rx.tail();
        rx.head(tail);
        rx.cur(tail);
    }

    /** The baseline: every received slot swapped into the TX ring, no NF, no batch, no counters. */
    private static int handForward(Port in, Port out) {
        in.rxSync();
        NetmapRing rx = in.rxRing(0);
        NetmapRing tx = out.txRing(0);
        int r = rx.head();
        int t = tx.head();
        int rxTail = rx.tail();
        int txTail = tx.tail();
        int n = 0;
        while (r != rxTail && t != txTail && n < BATCH) {
            int buf = rx.bufIdx(r);
            rx.bufIdx(r, tx.bufIdx(t));
            rx.slotFlags(r, NetmapLayout.NS_BUF_CHANGED);
            tx.bufIdx(t, buf);
            tx.len(t, rx.len(r));
            tx.slotFlags(t, NetmapLayout.NS_BUF_CHANGED);
            r = rx.next(r);
            t = tx.next(t);
            n++;
        }
        rx.head(r);
        rx.cur(r);
        tx.head(t);
        tx.cur(t);
        out.txSync();
        return n;
    }
}
