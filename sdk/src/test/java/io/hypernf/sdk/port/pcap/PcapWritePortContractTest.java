package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The port contract for a writing {@code pcap:} port: what it transmitted is read back from its file. */
class PcapWritePortContractTest extends AbstractPortTest {
    @Override
    protected Fixture open(List<byte[]> toReceive) throws Exception {
        Path dir = Files.createTempDirectory("pcap-write-contract");
        Path file = dir.resolve("out.pcap");
        Port port = Ports.open("pcap:" + file + "?mode=write");
        return new Fixture() {
            private long alreadyCollected;

            @Override public Port port() { return port; }
            @Override public void pump() {}

            @Override
            public List<byte[]> collectTransmitted() {
                List<byte[]> frames = new ArrayList<>();
                byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
                try (PcapReader reader = PcapReader.open(file)) {
                    long index = 0;
                    int length;
                    while ((length = reader.read(buffer)) >= 0) {
                        if (index++ >= alreadyCollected) {
                            frames.add(Arrays.copyOf(buffer, length));
                        }
                    }
                    if (reader.error() != PcapError.NONE) {
                        throw new AssertionError(reader.errorMessage());
                    }
                    alreadyCollected = index;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return frames;
            }

            @Override
            public void close() {
                port.close();
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // A temporary file left behind does not change the result.
                }
            }
        };
    }

    @Override protected boolean receives() { return false; }
    @Override protected boolean blocksInPoll() { return false; }
}
