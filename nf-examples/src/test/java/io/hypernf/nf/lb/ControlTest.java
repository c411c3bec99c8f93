package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-time backend changes: the text protocol, the sockets that serve it, and the watched file. */
class ControlTest {
    private final LbConfig config = LbConfig.of(ForwardingMode.FULL_NAT, ip("10.0.0.1"),
            List.of(new VirtualService("web", ip("10.0.0.10"), 80, 6, List.of())));
    private final BackendRegistry registry = new BackendRegistry(config);
    private final ControlProtocol protocol = new ControlProtocol(registry);

    @Test
    void commandsChangeTheBackendsAndPublishNewTables() {
        long generation = registry.snapshot().generation();
        assertThat(protocol.execute("add web 10.1.0.1 weight=3 mac=02:00:00:00:b0:01")).containsExactly("ok");
        assertThat(protocol.execute("add web 10.1.0.2:8080")).containsExactly("ok");
        assertThat(registry.snapshot().generation()).isGreaterThan(generation);
        assertThat(registry.backends("web")).extracting(Backend::toString)
                .containsExactly("10.1.0.1 weight=3 mac=02:00:00:00:b0:01 state=up", "10.1.0.2:8080 weight=1 state=up");
        int[] table = registry.snapshot().table(0);
        assertThat(MaglevStats.shares(table, 2)[0]).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.01));

        assertThat(protocol.execute("drain web 10.1.0.1")).containsExactly("ok");
        assertThat(registry.snapshot().table(0)).containsOnly(1);
        assertThat(registry.snapshot().keeps(0)).as("draining keeps connections").isTrue();
        assertThat(protocol.execute("down web 10.1.0.2:8080")).containsExactly("ok");
        assertThat(registry.snapshot().table(0)).containsOnly(-1);
        assertThat(registry.snapshot().keeps(1)).isFalse();
        assertThat(protocol.execute("up web 10.1.0.1")).containsExactly("ok");
        assertThat(protocol.execute("weight web 10.1.0.1 0")).containsExactly("ok");
        assertThat(registry.snapshot().table(0)).containsOnly(-1);
        assertThat(protocol.execute("up web 10.1.0.2:8080")).containsExactly("ok");
        assertThat(protocol.execute("remove web 10.1.0.1")).containsExactly("ok");
        assertThat(registry.backends("web")).hasSize(1);
        List<String> show = protocol.execute("show");
        assertThat(show).containsExactly("web 10.1.0.2:8080 weight=1 state=up table=100.00% weight-share=100.00%", "ok");
        assertThat(protocol.execute("add web 10.1.0.1 mac=02:00:00:00:b0:01")).containsExactly("ok");
        assertThat(registry.id("web", ip("10.1.0.1"), 0)).as("a re-added backend keeps its id").isZero();
    }

    @Test
    void badCommandsAreOneErrorLineAndChangeNothing() {
        protocol.execute("add web 10.1.0.1");
        long generation = registry.snapshot().generation();
        assertThat(protocol.execute("frobnicate")).singleElement().asString().startsWith("error: unknown command 'frobnicate'");
        assertThat(protocol.execute("add nope 10.1.0.1")).singleElement().asString().contains("service 'nope' is not configured; known: web");
        assertThat(protocol.execute("add web 10.1.0.300")).singleElement().asString().contains("'10.1.0.300' is not an IPv4 address");
        assertThat(protocol.execute("add web 10.1.0.3 weight=-1")).singleElement().asString().contains("weight -1 is outside");
        assertThat(protocol.execute("add web 10.1.0.3 colour=red")).singleElement().asString().contains("'colour=red' is not accepted");
        assertThat(protocol.execute("drain web 10.9.9.9")).singleElement().asString().contains("has no backend 10.9.9.9");
        assertThat(protocol.execute("drain web")).singleElement().asString().contains("usage: drain SERVICE");
        assertThat(protocol.execute("weight web 10.1.0.1 lots")).singleElement().asString().contains("weight 'lots' is not a number");
        assertThat(protocol.execute("")).singleElement().asString().startsWith("error:");
        assertThat(registry.snapshot().generation()).isEqualTo(generation);
    }

    @Test
    void aBackendWithoutAnyMacIsRefusedWhenThereIsNoNextHop() {
        LbConfig noNextHop = new LbConfig(ForwardingMode.FULL_NAT, ip("10.0.0.1"), 0, 0, 65537, 1024, 0, 300, 10, 30, false,
                config.services(), null, 200, null);
        ControlProtocol strict = new ControlProtocol(new BackendRegistry(noNextHop));
        assertThat(strict.execute("add web 10.1.0.1")).singleElement().asString().contains("has no mac= and next-hop-mac is not set");
        assertThat(strict.execute("add web 10.1.0.1 mac=02:00:00:00:00:09")).containsExactly("ok");
    }

    private static List<String> converse(SocketChannel channel, String... commands) throws Exception {
        Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        List<String> replies = new ArrayList<>();
        for (String command : commands) {
            out.write(command + "\n");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                replies.add(line);
                if (line.equals("ok") || line.startsWith("error")) {
                    break;
                }
            }
        }
        return replies;
    }

    @Test
    void theProtocolIsServedOnALoopbackTcpPort() throws Exception {
        try (ControlServer server = new ControlServer("tcp:127.0.0.1:0", protocol)) {
            SocketAddress at = server.address();
            try (SocketChannel channel = SocketChannel.open(at)) {
                assertThat(converse(channel, "add web 10.1.0.7", "drain web 10.1.0.7", "bogus"))
                        .containsExactly("ok", "ok", "error: unknown command 'bogus'; known: add, drain, down, up, weight, remove, show");
            }
            try (SocketChannel again = SocketChannel.open(at)) {
                assertThat(converse(again, "show")).containsExactly("web 10.1.0.7 weight=1 state=drain table=0.00% weight-share=0.00%", "ok");
            }
        }
        assertThat(registry.backends("web")).singleElement().extracting(Backend::state).isEqualTo(BackendState.DRAIN);
    }

    @Test
    void theProtocolIsServedOnAUnixSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("lb.sock");
        try (ControlServer server = new ControlServer("unix:" + socket, protocol)) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                assertThat(converse(channel, "add web 10.1.0.8 weight=2")).containsExactly("ok");
            }
        }
        assertThat(Files.exists(socket)).as("removed on close").isFalse();
        assertThat(registry.backends("web")).singleElement().extracting(Backend::weight).isEqualTo(2);
    }

    @Test
    void onlyLoopbackAddressesAreAccepted() {
        assertThatThrownBy(() -> ControlServer.parseAddress("tcp:0.0.0.0:7070")).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> ControlServer.parseAddress("tcp:192.0.2.1:7070")).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> ControlServer.parseAddress("tcp:127.0.0.1:99999")).hasMessageContaining("outside");
        assertThatThrownBy(() -> ControlServer.parseAddress("udp:127.0.0.1:1")).hasMessageContaining("expected tcp:127.0.0.1:PORT or unix:PATH");
        assertThat(ControlServer.parseAddress("tcp:[::1]:7070").toString()).contains("7070");
    }

    @Test
    void theBackendsFileIsReadAtStartAndReReadWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("backends.txt");
        Files.writeString(file, "# initial\nweb 10.1.0.1 mac=02:00:00:00:b0:01\nweb 10.1.0.2 weight=2\n");
        LbConfig watched = config.withBackendsFile(file, 20);
        BackendRegistry fileRegistry = new BackendRegistry(watched);
        try (LbControlPlane plane = LbControlPlane.start(watched, fileRegistry)) {
            assertThat(fileRegistry.backends("web")).hasSize(2);
            Files.writeString(file, "web 10.1.0.2 weight=2 state=drain\nweb 10.1.0.3\n");
            awaitBackends(fileRegistry, 2, "10.1.0.3");
            assertThat(fileRegistry.backends("web")).extracting(Backend::toString)
                    .containsExactly("10.1.0.2 weight=2 state=drain", "10.1.0.3 weight=1 state=up");
            assertThat(fileRegistry.snapshot().keeps(fileRegistry.id("web", ip("10.1.0.1"), 0))).as("removed").isFalse();

            Files.writeString(file, "web 10.1.0.9 weight=heavy\n");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (plane.watcher().reloadErrors() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(plane.watcher().lastError()).contains(file + ":1: weight 'heavy' is not a number");
            assertThat(fileRegistry.backends("web")).as("a bad file keeps the previous set").hasSize(2);
        }
    }

    private static void awaitBackends(BackendRegistry registry, int count, String contains) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Backend> now = registry.backends("web");
            if (now.size() == count && now.toString().contains(contains)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the file change was not picked up within 5 s: " + registry.backends("web"));
    }

    @Test
    void theBackendsFileSyntaxErrorsNameFileAndLine() {
        Set<String> services = Set.of("web");
        assertThatThrownBy(() -> BackendsFile.parse("b.txt", "web 10.1.0.1\nmail 10.1.0.2\n", services))
                .hasMessage("b.txt:2: service 'mail' is not configured; known: web");
        assertThatThrownBy(() -> BackendsFile.parse("b.txt", "\n# c\nweb 10.1.0.1\nweb 10.1.0.1 weight=2\n", services))
                .hasMessage("b.txt:4: backend 10.1.0.1 of 'web' is listed twice");
        assertThatThrownBy(() -> BackendsFile.parse("b.txt", "web 10.1.0.1 state=sleepy\n", services))
                .hasMessageContaining("b.txt:1: state 'sleepy' is not accepted; accepted: up, drain, down");
        assertThat(BackendsFile.parse("b.txt", "web 10.1.0.1:81 # comment\n", services).get("web"))
                .containsExactly(new Backend(ip("10.1.0.1"), 81, 1, 0, BackendState.UP));
    }
}
