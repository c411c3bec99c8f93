package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The port contract for a reading {@code pcap:} port: the frames to receive are written to a file that the port replays. */
class PcapReadPortContractTest extends AbstractPortTest {
    @Override
    protected Fixture open(List<byte[]> toReceive) throws Exception {
        Path dir = Files.createTempDirectory("pcap-read-contract");
        Path file = dir.resolve("in.pcap");
        try (PcapWriter writer = PcapWriter.create(file, true)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] frame : toReceive) {
                writer.write(t++, frame, 0, frame.length);
            }
        }
        Port port = Ports.open("pcap:" + file);
        return new Fixture() {
            @Override public Port port() { return port; }
            @Override public void pump() {}
            @Override public List<byte[]> collectTransmitted() { return List.of(); }

            @Override
            public void close() {
                port.close();
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                } catch (java.io.IOException ignored) {
                    // A temporary file left behind does not change the result.
                }
            }
        };
    }

    @Override protected boolean transmits() { return false; }
    @Override protected boolean blocksInPoll() { return false; }
    @Override protected boolean finiteInput() { return true; }
}
