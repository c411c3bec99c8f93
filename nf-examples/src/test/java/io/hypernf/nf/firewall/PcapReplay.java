package io.hypernf.nf.firewall;

import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * Replays a capture through a firewall one record at a time with the SDK's {@link PcapReader},
 * in file order (so replies follow their requests), and writes what leaves each port with the
 * SDK's {@link PcapWriter}: forwarded frames and emitted answers, stamped with the time of the
 * record that caused them. Counts verdicts as the runtime would.
 */
final class PcapReplay {
    long forwarded;
    long dropped;
    long emitted;
    long records;

    /**
     * {@code inputPort} chooses the port each frame arrives on; {@code outputs[i]} (may be null)
     * receives what leaves port {@code i}.
     */
    void run(Firewall firewall, Path input, ToIntFunction<byte[]> inputPort, PcapWriter[] outputs) throws IOException {
        byte[] frame = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        try (PcapReader reader = PcapReader.open(input)) {
            while (reader.next()) {
                records++;
                int length = Math.min(reader.copyTo(frame, 0), 2048);
                byte[] copy = java.util.Arrays.copyOf(frame, length);
                int port = inputPort.applyAsInt(copy);
                long now = reader.timestampNanos();
                TestBatch batch = new TestBatch(port, now, copy);
                firewall.process(batch);
                firewall.tick(now);
                Packet packet = batch.packet(0);
                if (packet.verdict() >= 0) {
                    forwarded++;
                    write(outputs, packet.verdict(), now, packet.buf().array(), packet.length());
                } else if (packet.verdict() == Packet.VERDICT_DROP) {
                    dropped++;
                    packet.dropReason().add(1);
                } else {
                    throw new AssertionError("verdict " + packet.verdict() + " for record " + records);
                }
                for (int i = 0; i < batch.emitted().size(); i++) {
                    emitted++;
                    byte[] answer = batch.emitted().get(i);
                    write(outputs, batch.emittedPorts().get(i), now, answer, answer.length);
                }
            }
        }
    }

    private static void write(PcapWriter[] outputs, int port, long now, byte[] data, int length) {
        if (outputs != null && outputs[port] != null) {
            outputs[port].write(now, data, 0, length);
        }
    }
}
