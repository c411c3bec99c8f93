package io.hypernf.nf.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.packet.PacketClass;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.PcapCorpus;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every packet of the shared capture corpus through the LB in each forwarding mode, on both
 * ports. So that the balancing path runs too, the services are the first 64 distinct IPv4
 * TCP/UDP destinations found in the corpus. No exception may escape; every packet gets a verdict.
 */
class LbCorpusTest {

    private static List<byte[]> frames() throws Exception {
        List<byte[]> out = new ArrayList<>();
        byte[] data = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        for (Path file : PcapCorpus.files()) {
            try (PcapReader reader = PcapReader.open(file)) {
                while (reader.next()) {
                    out.add(Arrays.copyOf(data, reader.copyTo(data, 0)));
                }
            }
        }
        return out;
    }

    private static List<VirtualService> servicesFrom(List<byte[]> frames) {
        PacketParser parser = new PacketParser();
        ParsedPacket parsed = new ParsedPacket();
        Set<Long> keys = new LinkedHashSet<>();
        List<VirtualService> services = new ArrayList<>();
        List<Backend> backends = List.of(new Backend(0x0A010001, 0, 1, 0x02_00_00_00_B0_01L, BackendState.UP),
                new Backend(0x0A010002, 8080, 3, 0, BackendState.UP));
        for (byte[] frame : frames) {
            PacketClass c = parser.parse(Unpooled.wrappedBuffer(frame), parsed);
            if ((c == PacketClass.OK_IPV4_TCP || c == PacketClass.OK_IPV4_UDP) && parsed.destinationPort() > 0
                    && keys.add(VirtualService.key(parsed.ipv4Destination(), parsed.destinationPort(), parsed.l4Protocol()))) {
                services.add(new VirtualService("s" + services.size(), parsed.ipv4Destination(), parsed.destinationPort(),
                        parsed.l4Protocol(), backends));
                if (services.size() == 64) {
                    break;
                }
            }
        }
        return services;
    }

    @Test
    void everyCorpusPacketGetsAVerdictInEveryMode() throws Exception {
        List<byte[]> frames = frames();
        List<VirtualService> services = servicesFrom(frames);
        assertThat(frames).as("the corpus was read").hasSizeGreaterThan(10_000);
        assertThat(services).hasSize(64);
        ManualBatch batch = new ManualBatch(PcapReader.MAX_CAPTURED_LENGTH + 64);
        for (ForwardingMode mode : ForwardingMode.values()) {
            for (boolean pass : new boolean[] {false, true}) {
                LbConfig config = LbConfig.of(mode, 0x0A000001, services).withPassNonVip(pass).withConnections(512);
                LoadBalancer lb = new LoadBalancer("lb", config, new BackendRegistry(config), null);
                long verdicts = 0;
                for (int i = 0; i < frames.size(); i++) {
                    batch.reset(i & 1, i * 1_000_000L, frames.get(i));
                    try {
                        lb.process(batch);
                    } catch (RuntimeException e) {
                        throw new AssertionError(mode + " frame " + i + ": " + e, e);
                    }
                    if (batch.verdict(0) != Packet.VERDICT_NONE) {
                        verdicts++;
                    }
                    lb.tick(i * 1_000_000L);
                }
                assertThat(verdicts).isEqualTo(frames.size());
                assertThat(lb.balanced()).as(mode + ": some corpus packets were for a service").isPositive();
                System.out.printf("lb corpus %s non-vip=%s: %d packets, %d balanced, %d connections made, %d passed, drops %s%n",
                        mode.configName(), pass ? "pass" : "drop", frames.size(), lb.balanced(), lb.newConnections(), lb.passed(),
                        dropSummary(lb));
            }
        }
    }

    private static String dropSummary(LoadBalancer lb) {
        StringBuilder out = new StringBuilder();
        for (var reason : lb.dropReasons()) {
            long n = lb.dropped(reason);
            if (n > 0) {
                out.append(reason.name()).append('=').append(n).append(' ');
            }
        }
        return out.toString().trim();
    }
}
