package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.packet.MacAddresses;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.port.os.NetnsLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TCP through the LB (full NAT) between namespaces ({@link LbNamespaces}): three backends,
 * each a python3 http.server answering {@code /name} with its own name, weights 1:2:1. Many
 * connections from fixed client ports spread by weight; the same 5-tuple reaches the same backend
 * again; removing a backend through the control socket moves only the flows that were on it.
 */
class LbNamespaceTest {
    private static final int SERVICE_PORT = 8080;
    private static final int FLOWS = 150;
    private static final int FIRST_PORT = 21000;

    /** Opens FLOWS connections from fixed source ports and prints "port name" per connection. */
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "vip, port, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])",
            "for p in range(first, first + count):",
            "    answer = 'ERROR'",
            "    for attempt in range(3):",
            "        try:",
            "            s = socket.socket()",
            "            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "            s.settimeout(5)",
            "            s.bind(('" + LbNamespaces.CLIENT_IP + "', p))",
            "            s.connect((vip, port))",
            "            s.sendall(b'GET /name HTTP/1.0\\r\\n\\r\\n')",
            "            data = b''",
            "            while True:",
            "                chunk = s.recv(4096)",
            "                if not chunk:",
            "                    break",
            "                data += chunk",
            "            s.close()",
            "            answer = data.split(b'\\r\\n\\r\\n', 1)[1].decode().strip()",
            "            break",
            "        except Exception as e:",
            "            answer = 'ERROR ' + repr(e)",
            "    print(p, answer, flush=True)",
            "");

    @Test
    void connectionsSpreadByWeightStickAndOnlyARemovedBackendsFlowsMove(@TempDir Path dir) throws Exception {
        LbNamespaces.assumeRootWithTools();
        Path client = dir.resolve("client.py");
        Files.writeString(client, CLIENT);
        List<Backend> backends = new ArrayList<>();
        int[] weights = {1, 2, 1};
        for (int n = 1; n <= 3; n++) {
            backends.add(new Backend(ip(LbNamespaces.backendIp(n)), 0, weights[n - 1], MacAddresses.parse(LbNamespaces.backendMac(n)), BackendState.UP));
        }
        LbConfig config = new LbConfig(ForwardingMode.FULL_NAT, ip(LbNamespaces.LB_ADDRESS), MacAddresses.parse(LbNamespaces.LB_SERVER_MAC),
                0, Maglev.DEFAULT_TABLE_SIZE, 4096, 0, 300, 120, 30, false,
                List.of(new VirtualService("web", ip(LbNamespaces.VIP), SERVICE_PORT, 6, backends)), null, 200, "tcp:127.0.0.1:0");
        BackendRegistry registry = new BackendRegistry(config);
        long[] onThree = {0};
        try (LbNamespaces net = LbNamespaces.create(3);
             LoadBalancer lb = new LoadBalancer("lb", config, registry, LbControlPlane.start(config, registry))) {
            for (int n = 1; n <= 3; n++) {
                Path www = Files.createDirectories(dir.resolve("www" + n));
                Files.writeString(www.resolve("name"), "backend-" + n + "\n");
                net.lab.background(net.backends.get(n - 1), dir.resolve("server" + n + ".log"), "python3", "-m", "http.server",
                        String.valueOf(SERVICE_PORT), "--bind", LbNamespaces.backendIp(n), "--directory", www.toString());
            }
            for (int n = 1; n <= 3; n++) {
                net.lab.awaitListening(net.backends.get(n - 1), SERVICE_PORT, false);
            }
            Port clientSide = net.lab.call(net.lb, () -> Ports.open("afpacket:lc"));
            Port serverSide = net.lab.call(net.lb, () -> Ports.open("afpacket:ls"));
            try (NfRuntime runtime = NfRuntime.builder(new RunOptions(64, IdleMode.BLOCK, 500))
                    .port("client", clientSide).port("server", serverSide).nf("lb", lb)
                    .connect("lb", "client", "client").connect("lb", "server", "server").build()) {
                CompletableFuture<NfRuntime.StopCause> loop = CompletableFuture.supplyAsync(runtime::run);
                try {
                    Map<Integer, String> first = round(net, client);
                    Map<String, Integer> spread = new TreeMap<>();
                    first.values().forEach(name -> spread.merge(name, 1, Integer::sum));
                    System.out.println("lb namespace test: " + FLOWS + " connections, weights 1:2:1, spread " + spread);
                    assertThat(spread.keySet()).as("every connection answered: %s", first).containsExactly("backend-1", "backend-2", "backend-3");
                    assertThat(spread.get("backend-2")).isGreaterThan(spread.get("backend-1")).isGreaterThan(spread.get("backend-3"));
                    assertThat(spread.get("backend-1")).isGreaterThan(FLOWS / 10);
                    assertThat(spread.get("backend-3")).isGreaterThan(FLOWS / 10);

                    assertThat(round(net, client)).as("the same 5-tuples reach the same backends").isEqualTo(first);

                    onThree[0] = first.values().stream().filter("backend-3"::equals).count();
                    assertThat(command(lb, "remove web " + LbNamespaces.backendIp(3))).isEqualTo("ok");
                    Map<Integer, String> after = round(net, client);
                    for (Map.Entry<Integer, String> flow : first.entrySet()) {
                        if (flow.getValue().equals("backend-3")) {
                            assertThat(after.get(flow.getKey())).as("port " + flow.getKey()).isIn("backend-1", "backend-2");
                        } else {
                            assertThat(after.get(flow.getKey())).as("port " + flow.getKey() + " stays").isEqualTo(flow.getValue());
                        }
                    }
                } finally {
                    runtime.stop();
                    loop.get(10, TimeUnit.SECONDS);
                }
            }
            assertThat(lb.rescheduled()).as("each connection of the removed backend was rescheduled")
                    .isGreaterThanOrEqualTo(onThree[0]);
            assertThat(lb.repliesTranslated()).isGreaterThan(3L * FLOWS);
        }
    }

    private static Map<Integer, String> round(LbNamespaces net, Path client) throws Exception {
        NetnsLab.Result run = net.lab.execIn(120, net.client, "python3", client.toString(),
                LbNamespaces.VIP, String.valueOf(SERVICE_PORT), String.valueOf(FIRST_PORT), String.valueOf(FLOWS));
        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<Integer, String> out = new HashMap<>();
        for (String line : run.output().split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split(" ", 2);
                out.put(Integer.parseInt(parts[0]), parts[1]);
            }
        }
        assertThat(out).hasSize(FLOWS);
        assertThat(out.values()).as(run.output()).allMatch(v -> v.startsWith("backend-"));
        return out;
    }

    /** One command over the LB's loopback control socket. */
    private static String command(LoadBalancer lb, String line) throws Exception {
        try (SocketChannel channel = SocketChannel.open(controlAddress(lb))) {
            Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            out.write(line + "\n");
            out.flush();
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static java.net.SocketAddress controlAddress(LoadBalancer lb) throws Exception {
        return lb.controlPlane().server().address();
    }
}
