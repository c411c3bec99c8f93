package io.hypernf.sdk.port.afpacket;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.os.NetnsLab;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The port contract for {@code afpacket:} on a veth pair in a namespace of its own (root only):
 * the port under test sits on one end; the far side is a second afpacket port on the other end,
 * which sends the frames to receive and collects what the port under test transmitted.
 */
class AfPacketPortContractTest extends AbstractPortTest {
    private static final int SLOTS = 256;
    private static final String END_A = AfPacketVethTest.END_A;
    private static final String END_B = AfPacketVethTest.END_B;
    private static NetnsLab lab;
    private static String ns;

    @BeforeAll
    static void createNamespace() throws Exception {
        NetnsLab.assumeRoot("afpacket veth tests", "ethtool");
        lab = NetnsLab.create();
        ns = lab.add("veth");
        lab.veth(ns, END_A, ns, END_B);
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Override
    protected Fixture open(List<byte[]> toReceive) throws Exception {
        AfPacketPort port = lab.call(ns, () -> AfPacketPort.open("afpacket:" + END_A, END_A, SLOTS, 1 << 20, -1, 0, false));
        AfPacketPort far;
        try {
            far = lab.call(ns, () -> AfPacketPort.open("afpacket:" + END_B, END_B, SLOTS, 1 << 20, -1, 0, false));
        } catch (Exception e) {
            port.close();
            throw e;
        }
        return new Fixture() {
            private int sent;

            @Override public Port port() { return port; }

            @Override
            public void pump() {
                if (sent < toReceive.size()) {
                    sent += AfPacketVethTest.queue(far, toReceive.subList(sent, toReceive.size()));
                }
            }

            @Override
            public List<byte[]> collectTransmitted() {
                List<byte[]> got = new ArrayList<>();
                long quietSince = System.nanoTime();
                long deadline = quietSince + 3_000_000_000L;
                while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 300_000_000L) {
                    far.poll(false, 10);
                    far.rxSync();
                    List<byte[]> more = AfPacketVethTest.take(far);
                    if (!more.isEmpty()) {
                        got.addAll(more);
                        quietSince = System.nanoTime();
                    }
                }
                return got;
            }

            @Override
            public void close() {
                port.close();
                far.close();
            }
        };
    }

    @Override protected boolean blocksInPoll() { return true; }

    @Override
    protected int maxFrameLength(Port port) {
        return ((AfPacketPort) port).mtu() + 14;
    }
}
