package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ETHERNET;
import static io.hypernf.nf.lb.LbFrames.ip;
import static io.hypernf.nf.lb.LbFrames.u16;
import static io.hypernf.nf.lb.LbFrames.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four clients open TCP connections to a web service and send UDP to a DNS service on one VIP
 * (two of them from the same source port); the conversation is written to a pcap and replayed
 * through the LB in full NAT, IP-in-IP and GRE mode, and what leaves the server port is written
 * with {@link PcapWriter}. In full NAT a reply is then built from every frame a backend received,
 * replayed from the server port, and what leaves the client port is captured too. Every capture
 * is compared byte for byte with {@code src/test/resources/lb/golden-<mode>-<port>.pcap}.
 * Independently of the goldens: each 5-tuple stays on one backend, full NAT checksums verify by
 * recomputation and replies reach the client that opened the connection from the VIP, and DSR
 * carries the client's IP packet unchanged behind a verified outer header.
 * {@code -Dlb.golden.update=true} rewrites the goldens (review the diff with tshark).
 */
class LbGoldenPcapTest {
    private static final Path GOLDEN = Path.of("src/test/resources/lb");
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int VIP = ip("10.0.0.10");
    private static final int LB = ip("10.0.0.1");
    private static final int[] CLIENTS = {ip("192.0.2.7"), ip("192.0.2.8"), ip("198.51.100.9"), ip("203.0.113.44")};
    private static final String[] BACKENDS = {"10.1.0.1", "10.1.0.2", "10.1.0.3"};

    @TempDir
    Path dir;

    private static LoadBalancer lb(ForwardingMode mode) {
        List<Backend> web = new ArrayList<>();
        List<Backend> dns = new ArrayList<>();
        for (int i = 0; i < BACKENDS.length; i++) {
            String mac = " mac=02:00:00:00:b0:0" + (i + 1);
            web.add(Backend.parse((BACKENDS[i] + ":8080" + mac).split(" "), 0));
            dns.add(Backend.parse((BACKENDS[i] + mac).split(" "), 0));
        }
        LbConfig config = LbConfig.of(mode, LB, List.of(
                new VirtualService("web", VIP, 80, 6, web), new VirtualService("dns", VIP, 53, 17, dns)));
        return new LoadBalancer("lb", config, new BackendRegistry(config), null);
    }

    /** Per client: SYN, ACK, a request on TCP 80; two datagrams on each of two UDP flows to 53. */
    private static List<byte[]> conversation() {
        List<byte[]> frames = new ArrayList<>();
        byte[] request = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int c = 0; c < CLIENTS.length; c++) {
            int port = c == 1 ? 40000 : 40000 + c * 111;
            frames.add(LbFrames.tcp(CLIENTS[c], VIP, port, 80, 0x02, new byte[0]));
            frames.add(LbFrames.tcp(CLIENTS[c], VIP, port, 80, 0x10, new byte[0]));
            frames.add(LbFrames.tcp(CLIENTS[c], VIP, port, 80, 0x18, request));
        }
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < CLIENTS.length; c++) {
                for (int flow = 0; flow < 2; flow++) {
                    frames.add(LbFrames.udp(CLIENTS[c], VIP, 5300 + flow, 53, new byte[] {(byte) c, (byte) flow, (byte) round}, true));
                }
            }
        }
        return frames;
    }

    /** One capture per port; frames are replayed one record per batch from {@code arrival}. */
    private static List<byte[]> replay(LoadBalancer lb, Path input, int arrival, Path output) throws IOException {
        List<byte[]> left = new ArrayList<>();
        ManualBatch batch = new ManualBatch(2048);
        byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        try (PcapReader reader = PcapReader.open(input); PcapWriter writer = PcapWriter.create(output, false)) {
            while (reader.next()) {
                batch.reset(arrival, reader.timestampNanos() - T0, Arrays.copyOf(buffer, reader.copyTo(buffer, 0)));
                lb.process(batch);
                assertThat(batch.verdict(0)).as("record %d from port %d", reader.records(), arrival).isEqualTo(1 - arrival);
                assertThat(batch.emitted()).isEmpty();
                byte[] f = batch.frame(0);
                writer.write(reader.timestampNanos(), f, 0, f.length);
                left.add(f);
            }
        }
        return left;
    }

    private static void write(Path file, List<byte[]> frames) throws IOException {
        try (PcapWriter writer = PcapWriter.create(file, false)) {
            for (int i = 0; i < frames.size(); i++) {
                writer.write(T0 + i * 1_000_000L, frames.get(i), 0, frames.get(i).length);
            }
        }
    }

    private static String tuple(byte[] f) {
        return u16(f, ETHERNET + 9) % 256 + " " + Integer.toHexString(u32(f, ETHERNET + 12)) + ":" + u16(f, ETHERNET + 20)
                + " " + Integer.toHexString(u32(f, ETHERNET + 16)) + ":" + u16(f, ETHERNET + 22);
    }

    /** The backend of each client frame (outer or rewritten destination) never changes within a 5-tuple. */
    private static void assertSticky(List<byte[]> sent, List<byte[]> received) {
        Map<String, Integer> backendOf = new HashMap<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            int backend = u32(received.get(i), ETHERNET + 16);
            assertThat(BACKENDS).contains(backendString(backend));
            Integer before = backendOf.putIfAbsent(tuple(sent.get(i)), backend);
            assertThat(before == null ? backend : before).as("backend of %s", tuple(sent.get(i))).isEqualTo(backend);
            assertThat(LbFrames.mac(received.get(i), 0) & 0xFF).as("the backend's MAC").isEqualTo((backend & 0xFF));
            used.add(backend);
        }
        assertThat(backendOf).hasSize(CLIENTS.length * 3);
        assertThat(used).as("Maglev spreads twelve tuples over more than one backend").hasSizeGreaterThan(1);
    }

    private static String backendString(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    @Test
    void fullNatTranslatesBothWaysAsRecorded() throws IOException {
        Path input = dir.resolve("clients.pcap");
        List<byte[]> sent = conversation();
        write(input, sent);
        LoadBalancer lb = lb(ForwardingMode.FULL_NAT);
        List<byte[]> toServers = replay(lb, input, LoadBalancer.CLIENT, dir.resolve("golden-fullnat-server.pcap"));
        assertSticky(sent, toServers);
        List<byte[]> replies = new ArrayList<>();
        Set<String> snatTuples = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            LbFrames.View in = new LbFrames.View(sent.get(i));
            LbFrames.View out = new LbFrames.View(toServers.get(i));
            assertThat(out.ipChecksumOk() && out.l4ChecksumOk()).as("checksums of server frame %d", i).isTrue();
            assertThat(out.source()).isEqualTo(LB);
            assertThat(out.destinationPort()).isEqualTo(in.protocol() == 6 ? 8080 : 53);
            if (in.protocol() == 6) {
                snatTuples.add(out.destination() + ":" + out.sourcePort());
            }
            replies.add(LbFrames.fromBackend(out.destinationMac(), out.protocol(), out.destination(), out.source(),
                    out.destinationPort(), out.sourcePort(), in.protocol() == 6 ? 0x12 : 0, new byte[] {(byte) i}));
        }
        assertThat(snatTuples).as("each connection, two of them from port 40000, has its own backend and SNAT port pair").hasSize(CLIENTS.length);
        Path replyInput = dir.resolve("backends.pcap");
        write(replyInput, replies);
        List<byte[]> toClients = replay(lb, replyInput, LoadBalancer.SERVER, dir.resolve("golden-fullnat-client.pcap"));
        for (int i = 0; i < sent.size(); i++) {
            LbFrames.View in = new LbFrames.View(sent.get(i));
            LbFrames.View back = new LbFrames.View(toClients.get(i));
            assertThat(back.ipChecksumOk() && back.l4ChecksumOk()).as("checksums of client frame %d", i).isTrue();
            assertThat(tuple(toClients.get(i))).as("reply %d comes from the VIP to its client", i)
                    .isEqualTo(tuple(LbFrames.frame(0, 0, VIP, in.source(), in.protocol(),
                            LbFrames.l4(in.protocol(), VIP, in.source(), in.destinationPort(), in.sourcePort(), 0, new byte[0], false))));
            assertThat(back.destinationMac()).isEqualTo(LbFrames.CLIENT_MAC);
        }
        assertThat(lb.repliesTranslated()).isEqualTo(sent.size());
        compareOrUpdate("golden-fullnat-server.pcap");
        compareOrUpdate("golden-fullnat-client.pcap");
    }

    @Test
    void ipInIpCarriesEveryClientPacketUnchangedAsRecorded() throws IOException {
        dsr(ForwardingMode.IPIP, 4, 0, "golden-ipip-server.pcap");
    }

    @Test
    void greCarriesEveryClientPacketUnchangedAsRecorded() throws IOException {
        dsr(ForwardingMode.GRE, 47, 4, "golden-gre-server.pcap");
    }

    private void dsr(ForwardingMode mode, int protocol, int greHeader, String golden) throws IOException {
        Path input = dir.resolve("clients.pcap");
        List<byte[]> sent = conversation();
        write(input, sent);
        List<byte[]> toServers = replay(lb(mode), input, LoadBalancer.CLIENT, dir.resolve(golden));
        assertSticky(sent, toServers);
        for (int i = 0; i < sent.size(); i++) {
            byte[] in = sent.get(i);
            byte[] out = toServers.get(i);
            int innerLength = u16(in, ETHERNET + 2);
            assertThat(out[ETHERNET + 9] & 0xFF).isEqualTo(protocol);
            assertThat(LbFrames.checksum(out, ETHERNET, 20, 0)).as("outer checksum of frame %d", i).isZero();
            assertThat(u32(out, ETHERNET + 12)).isEqualTo(LB);
            assertThat(u16(out, ETHERNET + 2)).isEqualTo(20 + greHeader + innerLength);
            if (greHeader > 0) {
                assertThat(u32(out, ETHERNET + 20)).as("RFC 2784: no flags, IPv4 payload").isEqualTo(0x0800);
            }
            int inner = ETHERNET + 20 + greHeader;
            assertThat(Arrays.copyOfRange(out, inner, inner + innerLength)).as("inner packet %d", i)
                    .isEqualTo(Arrays.copyOfRange(in, ETHERNET, ETHERNET + innerLength));
        }
        compareOrUpdate(golden);
    }

    private void compareOrUpdate(String name) throws IOException {
        if (Boolean.getBoolean("lb.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.copy(dir.resolve(name), GOLDEN.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.readAllBytes(dir.resolve(name))).as(name).isEqualTo(Files.readAllBytes(GOLDEN.resolve(name)));
    }
}
