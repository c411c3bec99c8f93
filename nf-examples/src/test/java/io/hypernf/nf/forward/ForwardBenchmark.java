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
 * Both run in one JVM, alternating in short slices (so that a busy machine slows both alike),
 * round 0 being the warm-up; the results are the ratio of their rates over the whole round and
 * the ratio of their best slices (the one least disturbed by other processes on a shared machine). Arguments: the batch sizes to measure, one after the other (default 32 and 256), each in
 * a runtime of its own. Run after {@code mvn -q install -DskipTests}, with bounds checks off
 * (their default outside the test run) and Netty's own checks off as in production:
 * <pre>
 * mvn -q -pl nf-examples dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Dio.netty.buffer.checkBounds=false -Dio.netty.buffer.checkAccessible=false \
 *     -cp "$(cat /tmp/cp.txt):nf-examples/target/test-classes:nf-examples/target/classes" \
 *     io.hypernf.nf.forward.ForwardBenchmark 32 256
 * </pre>
 */
public final class ForwardBenchmark {
    private static final long PACKETS = 5_000_000;
    private static final long SLICE = 20_000;
    private static final int ROUNDS = 5;

    private ForwardBenchmark() {}

    public static void main(String[] args) {
        String[] batches = args.length == 0 ? new String[] {"32", "256"} : args;
        for (String batch : batches) {
            run(Integer.parseInt(batch));
        }
    }

    private static void run(int batch) {
        String q = "?group=bench" + batch + "&links=2&slots=1024";
        Port sender = Ports.open("inproc:blan" + batch + "/a" + q);
        Port lan = Ports.open("inproc:blan" + batch + "/b" + q);
        Port wan = Ports.open("inproc:bwan" + batch + "/a" + q);
        Port receiver = Ports.open("inproc:bwan" + batch + "/b" + q);
        NfRuntime runtime = NfRuntime.builder(new RunOptions(batch, IdleMode.SPIN, 100)).port("lan", lan).port("wan", wan)
                .nf("fwd", new ForwardNf("fwd", new ForwardConfig(false, false)))
                .connect("fwd", "in", "lan").connect("fwd", "out", "wan").build();
        Step hand = () -> handForward(lan, wan, batch);
        Step loop = runtime::runOnce;
        for (int round = 0; round < ROUNDS; round++) {
            long baseNanos = 0;
            long rtNanos = 0;
            long baseBest = Long.MAX_VALUE;
            long rtBest = Long.MAX_VALUE;
            for (long sliced = 0; sliced < PACKETS; sliced += SLICE) {
                long b = measure(sender, receiver, batch, hand);
                long r = measure(sender, receiver, batch, loop);
                baseNanos += b;
                rtNanos += r;
                baseBest = Math.min(baseBest, b);
                rtBest = Math.min(rtBest, r);
            }
            double base = PACKETS / (baseNanos / 1e9);
            double rt = PACKETS / (rtNanos / 1e9);
            System.out.printf(Locale.ROOT, "batch %d round %d%s: baseline %.2f Mpps, runtime+forward %.2f Mpps, ratio %.2f;"
                    + " best slices %.2f / %.2f Mpps, ratio %.2f%n",
                    batch, round, round == 0 ? " (warm-up)" : "", base / 1e6, rt / 1e6, rt / base,
                    SLICE / (baseBest / 1e3), SLICE / (rtBest / 1e3), (double) baseBest / rtBest);
        }
        runtime.close();
        sender.close();
        receiver.close();
    }

    private interface Step { int run(); }

    /** Nanoseconds to move {@link #SLICE} packets (a few more: whole batches) with {@code step}. */
    private static long measure(Port sender, Port receiver, int batch, Step step) {
        long moved = 0;
        long start = System.nanoTime();
        while (moved < SLICE) {
            send(sender, batch);
            moved += step.run();
            drain(receiver);
        }
        return (System.nanoTime() - start) * SLICE / moved;
    }

    private static void send(Port sender, int batch) {
        sender.txSync();
        NetmapRing tx = sender.txRing(0);
        int head = tx.head();
        int n = Math.min(tx.space(), batch);
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
    private static int handForward(Port in, Port out, int batch) {
        in.rxSync();
        NetmapRing rx = in.rxRing(0);
        NetmapRing tx = out.txRing(0);
        int r = rx.head();
        int t = tx.head();
        int rxTail = rx.tail();
        int txTail = tx.tail();
        int n = 0;
        while (r != rxTail && t != txTail && n < batch) {
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
