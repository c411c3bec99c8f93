package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** End 0 of a fresh link is the port under test; end 1, driven by the test, is its far side. */
final class InprocFixture implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final InprocPort port;
    final InprocPort far;
    private final List<byte[]> toReceive;
    private int pumped;

    InprocFixture(boolean pipe, int slots, List<byte[]> toReceive) {
        String name = "t" + NEXT.incrementAndGet();
        InprocLink link = InprocLink.create(name, pipe, slots, 2048);
        this.port = link.open(0, pipe ? "inproc:" + name + "{1" : "inproc:" + name + "/a");
        this.far = link.open(1, pipe ? "inproc:" + name + "}1" : "inproc:" + name + "/b");
        this.toReceive = toReceive;
    }

    /** Sends the next frames from the far end, no more than the port's RX ring has room for. */
    void pump() {
        int room = port.rxRoom();
        if (pumped < toReceive.size() && room > 0) {
            int n = Math.min(room, toReceive.size() - pumped);
            pumped += AbstractPortTest.fill(far.txRing(0), toReceive.subList(pumped, pumped + n));
            far.txSync();
        }
    }

    List<byte[]> collect() {
        List<byte[]> out = new ArrayList<>();
        far.rxSync();
        out.addAll(AbstractPortTest.consume(far.rxRing(0)));
        return out;
    }

    AbstractPortTest.Fixture asContractFixture() {
        InprocFixture self = this;
        return new AbstractPortTest.Fixture() {
            @Override public Port port() { return port; }
            @Override public void pump() { self.pump(); }
            @Override public List<byte[]> collectTransmitted() { return collect(); }
            @Override public void close() { self.close(); }
        };
    }

    @Override
    public void close() {
        port.close();
        far.close();
    }
}
