package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.packet.PcapCorpus;
import io.hypernf.sdk.port.pcap.PcapReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every packet of the shared capture corpus (tcpdump's test captures, malformed ones included,
 * other link types read as Ethernet anyway) through a 4-port bridge with a small table, so that
 * learning, moves, table-full and flooding all happen. No exception; every frame gets a verdict.
 */
class BridgeCorpusTest {

    @Test
    void everyCorpusFrameGetsAVerdictWithoutAnException() throws Exception {
        List<Path> files = PcapCorpus.files();
        Bridge bridge = new Bridge("br", BridgeConfig.defaults().withPorts(List.of("a", "b", "c", "d")).withTableSize(64));
        ManualBatch batch = new ManualBatch(PcapReader.MAX_CAPTURED_LENGTH);
        byte[] data = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        long frames = 0;
        long verdicts = 0;
        for (Path file : files) {
            try (PcapReader reader = PcapReader.open(file)) {
                while (reader.next()) {
                    int length = reader.copyTo(data, 0);
                    batch.reset((int) (frames & 3), frames * 1_000_000L, Arrays.copyOf(data, length));
                    try {
                        bridge.process(batch);
                    } catch (RuntimeException e) {
                        throw new AssertionError(file.getFileName() + " record " + reader.records() + ": " + e, e);
                    }
                    frames++;
                    if (batch.verdict(0) != Packet.VERDICT_NONE) {
                        verdicts++;
                    }
                    bridge.tick(frames * 1_000_000L);
                }
            }
        }
        assertThat(frames).as("the corpus was replayed").isGreaterThan(10_000);
        assertThat(verdicts).isEqualTo(frames);
        assertThat(bridge.learned()).isPositive();
        assertThat(bridge.learnFull()).as("64 entries cannot hold the corpus' addresses").isPositive();
        assertThat(bridge.forwardedKnown() + bridge.floodedUnknown() + bridge.floodedGroup()
                + bridge.droppedSamePort() + bridge.droppedRunt()).isEqualTo(frames);
        System.out.printf("bridge corpus: %d frames, learned %d, moved %d, table-full %d, known %d, unknown %d, group %d, same-port %d, runt %d%n",
                frames, bridge.learned(), bridge.moved(), bridge.learnFull(), bridge.forwardedKnown(), bridge.floodedUnknown(),
                bridge.floodedGroup(), bridge.droppedSamePort(), bridge.droppedRunt());
    }
}
