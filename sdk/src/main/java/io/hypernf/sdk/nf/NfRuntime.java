package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop: NFs wired to ports and to each other, driven on the calling thread.
 *
 * <p>Roadmap of one iteration ({@link #runOnce}):
 * <ol>
 *   <li>for every port: {@link Port#rxSync}, then one pass per RX ring ({@link #pass}): up to
 *       {@code batch} slots of {@code [head, tail)} become entries of the {@link Dispatcher} —
 *       or, when the port's NF is a {@link PacketFunction}, are decided and forwarded one by one
 *       in a single walk over the ring ({@code Dispatcher.walk});</li>
 *   <li>the dispatcher runs the NF bound to that port and every chained NF the packets reach,
 *       applying verdicts: buffer swaps or copies into TX rings, drops by reason;</li>
 *   <li>RX {@code head} and {@code cur} advance over the whole pass (the slots go back to the
 *       port), and every port that got packets publishes its TX head and {@link Port#txSync}s;
 *       a port that has not sent everything yet is synced again on every iteration in which no
 *       pass synced it;</li>
 *   <li>about every millisecond every NF's {@link NetworkFunction#tick} runs.</li>
 * </ol>
 * {@link #run} repeats this, idling per {@link IdleMode} when nothing arrived, until
 * {@link #stop()} is called (a signal handler, another thread) or every port reports
 * {@link Port#endOfInput()} with its rings empty; then it syncs TX until every queued packet left
 * (at most {@code drainMillis}); after a stop, the packets already received are processed first
 * ({@link #drainRx}). {@link #close()} closes the ports. The data path allocates nothing: see
 * {@code ForwardAllocationTest}.
 */
public final class NfRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NfRuntime.class);
    private static final long TICK_NANOS = 1_000_000;
    /** Busy iterations between two clock reads for the tick (each iteration takes at most a batch per RX ring). */
    private static final int CLOCK_EVERY = 16;

    /** Why {@link #run} returned. */
    public enum StopCause { END_OF_INPUT, STOPPED }

    private final RunOptions options;
    private final BoundPort[] ports;
    private final NfNode[] nodes;
    private final ScratchPool scratch;
    private final Dispatcher dispatcher;
    private final IdleStrategy idle;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private long lastTick;
    private int busyIterations;
    private boolean closed;

    private NfRuntime(RunOptions options, BoundPort[] ports, NfNode[] nodes) {
        this.options = options;
        this.ports = ports;
        this.nodes = nodes;
        int bufferSize = 2048;
        Port[] raw = new Port[ports.length];
        for (int i = 0; i < ports.length; i++) {
            bufferSize = Math.max(bufferSize, ports[i].region.bufferSize());
            raw[i] = ports[i].port;
        }
        this.scratch = new ScratchPool(Math.max(64, options.batch()), bufferSize);
        this.dispatcher = new Dispatcher(nodes, ports, options.batch(), scratch);
        this.idle = new IdleStrategy(options.idle(), raw);
        this.lastTick = System.nanoTime();
    }

    public static Builder builder(RunOptions options) { return new Builder(options); }

    public RunOptions options() { return options; }

    /**
     * One iteration over every port: receive, process, transmit, tick. Returns how many packets
     * were taken from RX rings (0: nothing arrived). For tests and embedders driving the loop.
     */
    public int runOnce() {
        dispatcher.newIteration();
        int work = 0;
        for (BoundPort port : ports) {
            port.port.rxSync();
            for (int r = 0; r < port.rx.length; r++) {
                work += pass(port, r);
            }
        }
        for (BoundPort port : ports) {
            // A port flushed by a pass of this iteration was just synced: syncing it again at once
            // cost a second txSync and tail read per iteration whenever its TX ring was not empty.
            if (port.txPending && !port.flushedThisIteration) {
                port.flushTx();
            }
            port.flushedThisIteration = false;
        }
        // The clock costs ~20 ns, as much as forwarding a packet: a busy loop reads it for the
        // tick only every CLOCK_EVERY iterations, unless an NF already read it in this one.
        if (work == 0 || dispatcher.clockRead() || ++busyIterations >= CLOCK_EVERY) {
            busyIterations = 0;
            long now = dispatcher.now();
            if (now - lastTick >= TICK_NANOS) {
                tick(now);
            }
        }
        return work;
    }

    /**
     * Runs until {@link #stop()} or the end of every port's input, then drains TX. Returns why it
     * stopped. Data-path problems are counted, never thrown; an exception here is a bug or a
     * failing device and ends the run.
     */
    public StopCause run() {
        synchronized (this) {
            if (running || closed) {
                throw new IllegalStateException(closed ? "the runtime is closed" : "run() is already running on another thread");
            }
            running = true;
        }
        try {
            StopCause cause = StopCause.STOPPED;
            while (!stopRequested) {
                if (runOnce() > 0) {
                    idle.reset();
                } else if (allInputEnded()) {
                    cause = StopCause.END_OF_INPUT;
                    break;
                } else {
                    idle.idle();
                }
            }
            if (cause == StopCause.STOPPED) {
                drainRx();
            }
            drain();
            return cause;
        } finally {
            running = false;
        }
    }

    /** Asks {@link #run} to stop after the current pass; safe from any thread (signal handlers). */
    public void stop() { stopRequested = true; }

    public boolean isRunning() { return running; }

    public int portCount() { return ports.length; }
    public String portName(int i) { return ports[i].name; }
    public Port port(int i) { return ports[i].port; }
    /** RX slots of port {@code i} skipped for an invalid buffer index or length. */
    public long badSlots(int i) { return ports[i].badSlots; }

    public int nfCount() { return nodes.length; }
    public String nfName(int i) { return nodes[i].name; }
    public NetworkFunction nf(int i) { return nodes[i].nf; }
    public NfCounters nfCounters(int i) { return nodes[i].counters; }

    /**
     * Closes every NF that is {@link AutoCloseable} (an NF's control threads and sockets, such as
     * the load balancer's), then every port, and frees the runtime's buffers (idempotent). Only after {@link #run}
     * returned: the loop may still be using the memory otherwise.
     */
    @Override
    public synchronized void close() {
        if (running) {
            throw new IllegalStateException("the runtime is still running: stop() it and wait for run() to return before close()");
        }
        if (closed) {
            return;
        }
        closed = true;
        for (NfNode node : nodes) {
            if (node.nf instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing NF '{}' failed", node.name, e);
                }
            }
        }
        for (BoundPort port : ports) {
            try {
                port.port.close();
            } catch (RuntimeException e) {
                LOG.warn("closing port '{}' failed", port.name, e);
            }
        }
        scratch.close();
    }

    private int pass(BoundPort port, int ringIndex) {
        NetmapRing ring = port.rx[ringIndex];
        int head = ring.head();
        int tail = ring.tail();
        if (tail < 0 || tail >= ring.numSlots()) {
            // The port's side wrote an index outside the ring: follow nothing, count it (STYLE.md 13).
            port.port.counters().error();
            return 0;
        }
        int n = Math.min(ring.distance(head, tail), options.batch());
        if (n == 0) {
            return 0;
        }
        int slot = port.nf.perPacket != null
                ? dispatcher.walk(port, ringIndex, head, n)
                : dispatcher.receive(port, ringIndex, head, n);
        dispatcher.runBatches();
        dispatcher.endPass();
        ring.advance(slot);
        for (BoundPort out : ports) {
            if (out.dirty) {
                out.flushTx();
            }
        }
        return n;
    }

    private void tick(long now) {
        lastTick = now;
        for (NfNode node : nodes) {
            try {
                node.nf.tick(now);
            } catch (RuntimeException e) {
                node.counters.error();
                if (node.counters.errors() <= 3) {
                    LOG.error("NF '{}' threw from tick()", node.name, e);
                }
            }
        }
    }

    private boolean allInputEnded() {
        for (BoundPort port : ports) {
            if (!port.port.endOfInput()) {
                return false;
            }
            for (NetmapRing ring : port.rx) {
                int tail = ring.tail();
                if (tail >= 0 && tail < ring.numSlots() && ring.distance(ring.head(), tail) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * After {@link #stop()}: processes the packets the ports had already received — one more
     * rxSync, then passes over every RX ring until the {@code [head, tail)} it published is empty,
     * without syncing again, so a port that keeps receiving cannot keep the loop alive. Bounded by
     * {@code drainMillis} as well. Without this a stop lost up to a ring's worth of received
     * packets, neither processed nor counted.
     */
    private void drainRx() {
        long deadline = System.nanoTime() + options.drainMillis() * 1_000_000;
        dispatcher.newIteration();
        for (BoundPort port : ports) {
            port.port.rxSync();
        }
        boolean again;
        do {
            again = false;
            dispatcher.newIteration();
            for (BoundPort port : ports) {
                for (int r = 0; r < port.rx.length; r++) {
                    again |= pass(port, r) > 0;
                }
            }
        } while (again && System.nanoTime() - deadline < 0);
        if (again) {
            LOG.warn("received packets left unprocessed after {} ms of draining at stop", options.drainMillis());
        }
    }

    /** Syncs TX until every port sent everything queued, or {@code drainMillis} passed. */
    private void drain() {
        long deadline = System.nanoTime() + options.drainMillis() * 1_000_000;
        while (true) {
            boolean flushed = true;
            for (BoundPort port : ports) {
                port.flushTx();
                flushed &= port.txFlushed();
            }
            if (flushed || System.nanoTime() - deadline >= 0) {
                if (!flushed) {
                    LOG.warn("TX not fully drained after {} ms", options.drainMillis());
                }
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Wires ports and NFs; every error names the NF, the port and what is accepted. */
    public static final class Builder {
        private final RunOptions options;
        private final Map<String, BoundPort> ports = new LinkedHashMap<>();
        private final Map<String, NfNode> nodes = new LinkedHashMap<>();

        private Builder(RunOptions options) { this.options = options; }

        /** Adds external port {@code name}; the runtime closes it on {@link NfRuntime#close()}. */
        public Builder port(String name, Port port) {
            if (ports.containsKey(name)) {
                throw new IllegalArgumentException("port '" + name + "' is added twice");
            }
            ports.put(name, new BoundPort(name, port));
            return this;
        }

        /** Adds NF {@code name}. */
        public Builder nf(String name, NetworkFunction nf) {
            if (nodes.containsKey(name)) {
                throw new IllegalArgumentException("NF '" + name + "' is added twice");
            }
            nodes.put(name, new NfNode(name, nf));
            return this;
        }

        /** Binds port {@code nfPort} of NF {@code nf} to external port {@code port}, both directions. */
        public Builder connect(String nf, String nfPort, String port) {
            NfNode node = node(nf);
            int index = portOf(node, nfPort);
            BoundPort bound = ports.get(port);
            if (bound == null) {
                throw new IllegalArgumentException("port '" + port + "' is not defined; defined: " + String.join(", ", ports.keySet()));
            }
            if (bound.nf != null) {
                throw new IllegalArgumentException("port '" + port + "' is already bound to " + bound.nf.name + "."
                        + bound.nf.nf.portNames().get(bound.nfPort));
            }
            bound.nf = node;
            bound.nfPort = index;
            node.externalTarget[index] = new ArrayList<>(ports.keySet()).indexOf(port);
            return this;
        }

        /** Joins port {@code portA} of NF {@code a} with port {@code portB} of NF {@code b}, both directions. */
        public Builder link(String a, String portA, String b, String portB) {
            NfNode nodeA = node(a);
            NfNode nodeB = node(b);
            if (nodeA == nodeB) {
                throw new IllegalArgumentException("NF '" + a + "' cannot be linked to itself");
            }
            int indexA = portOf(nodeA, portA);
            int indexB = portOf(nodeB, portB);
            nodeA.linkNf[indexA] = nodeB;
            nodeA.linkPort[indexA] = indexB;
            nodeB.linkNf[indexB] = nodeA;
            nodeB.linkPort[indexB] = indexA;
            return this;
        }

        /** The runtime; fails when an NF port or an external port is left unwired. */
        public NfRuntime build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a runtime needs at least one NF");
            }
            for (BoundPort port : ports.values()) {
                if (port.nf == null) {
                    throw new IllegalArgumentException("port '" + port.name + "' is not bound to any NF port");
                }
            }
            for (NfNode node : nodes.values()) {
                for (int p = 0; p < node.portCount; p++) {
                    if (!node.isWired(p)) {
                        throw new IllegalArgumentException("port '" + node.nf.portNames().get(p) + "' of NF '" + node.name + "' is not wired");
                    }
                }
            }
            return new NfRuntime(options, ports.values().toArray(new BoundPort[0]), nodes.values().toArray(new NfNode[0]));
        }

        private NfNode node(String name) {
            NfNode node = nodes.get(name);
            if (node == null) {
                throw new IllegalArgumentException("NF '" + name + "' is not defined; defined: " + String.join(", ", nodes.keySet()));
            }
            return node;
        }

        private int portOf(NfNode node, String nfPort) {
            int index = node.portIndex(nfPort);
            if (index < 0) {
                throw new IllegalArgumentException("NF '" + node.name + "' has no port '" + nfPort + "'; its ports: "
                        + String.join(", ", node.nf.portNames()));
            }
            if (node.isWired(index)) {
                throw new IllegalArgumentException("port '" + nfPort + "' of NF '" + node.name + "' is wired twice");
            }
            return index;
        }
    }
}
