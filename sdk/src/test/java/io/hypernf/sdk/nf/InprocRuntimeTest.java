package io.hypernf.sdk.nf;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime over the SDK's real in-process ports: two links of one group share a region, so a
 * frame written by a sender on link "lan" crosses the link, the chain of two NFs and the link "wan"
 * to a receiver in the very buffer the sender wrote it in — zero copies end to end.
 */
class InprocRuntimeTest {

    @Test
    void aChainBetweenTwoLinksOfOneGroupNeverCopies() {
        String q = "?group=zcchain&links=2&slots=64";
        Port sender = Ports.open("inproc:zclan/a" + q);
        Port nfLan = Ports.open("inproc:zclan/b" + q);
        Port nfWan = Ports.open("inproc:zcwan/a" + q);
        Port receiver = Ports.open("inproc:zcwan/b" + q);
        assertThat(nfLan.region()).as("one region for the group").isSameAs(nfWan.region());

        NfRuntime runtime = NfRuntime.builder(new RunOptions(32, IdleMode.SPIN, 100)).port("lan", nfLan).port("wan", nfWan)
                .nf("first", new TestNfs.Cross()).nf("second", new TestNfs.Stamp())
                .connect("first", "a", "lan").link("first", "b", "second", "a").connect("second", "b", "wan").build();
        try {
            NetmapRing tx = sender.txRing(0);
            List<Integer> written = new ArrayList<>();
            int head = tx.head();
            for (int i = 0; i < 5; i++) {
                byte[] frame = ("zero-copy-" + i).getBytes(US_ASCII);
                int buf = tx.bufIdx(head);
                NativeMemory.copyFromArray(frame, 0, tx.bufferAddress(buf), frame.length);
                tx.len(head, frame.length);
                written.add(buf);
                head = tx.next(head);
            }
            tx.head(head);
            tx.cur(head);
            sender.txSync();

            assertThat(runtime.runOnce()).isEqualTo(5);

            receiver.rxSync();
            NetmapRing rx = receiver.rxRing(0);
            List<String> frames = new ArrayList<>();
            List<Integer> buffers = new ArrayList<>();
            for (int s = rx.head(); s != rx.tail(); s = rx.next(s)) {
                byte[] bytes = new byte[rx.len(s)];
                NativeMemory.copyToArray(rx.bufferAddress(rx.bufIdx(s)), bytes, 0, bytes.length);
                frames.add(new String(bytes, US_ASCII));
                buffers.add(rx.bufIdx(s));
                assertThat(rx.slotFlags(s) & NS_BUF_CHANGED).isEqualTo(NS_BUF_CHANGED);
            }
            assertThat(frames).containsExactly("zero-copy-1", "zero-copy-2", "zero-copy-3", "zero-copy-4", "zero-copy-5");
            assertThat(buffers).as("the sender's buffers arrived").isEqualTo(written);
        } finally {
            runtime.close();
            sender.close();
            receiver.close();
        }
    }
}
