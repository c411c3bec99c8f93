package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfCatalog;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.port.os.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic through the firewall (issue 3, "Real-traffic end-to-end tests"): a client and a
 * server namespace joined only through the firewall, which runs in this JVM on {@code afpacket:}
 * ports, made through Guice from its settings like {@code hypernf run} makes it. curl against
 * {@code python3 -m http.server}: the allowed port serves a 2 MB file intact (the replies of the
 * established flow pass), the rejected port is refused at once (our RST), the dropped port times
 * out, and an unsolicited connection from the server side never reaches the client; a UDP echo
 * comes back through its pseudo-connection and a rejected UDP port answers with our ICMP port
 * unreachable, which the client's socket reports as "connection refused". Client and server
 * share one IPv4 subnet: the firewall is a bump in the wire. Root only (skipped with a message
 * otherwise); CI runs it as root.
 */
class FirewallNamespaceTest {
    private static final String CLIENT_IP = "10.77.0.1";
    private static final String SERVER_IP = "10.77.0.2";
    private static final List<String> RULES = List.of(
            "accept out proto tcp to " + SERVER_IP + " port 8080 flags S/SA",
            "reject out proto tcp to " + SERVER_IP + " port 8081",
            "drop out proto tcp to " + SERVER_IP + " port 8082",
            "accept out proto udp to " + SERVER_IP + " port 5353",
            "reject with port-unreachable out proto udp to " + SERVER_IP + " port 5354");

    /** A UDP echo server (python3, one line a datagram back to its sender). */
    private static final String UDP_ECHO = "import socket\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "s.bind(('" + SERVER_IP + "', 5353))\n"
            + "while True:\n"
            + "    data, peer = s.recvfrom(2048)\n"
            + "    s.sendto(data, peer)\n";

    /** A UDP client: sends to the port given as argument, prints the answer, "refused" or "timeout". */
    private static final String UDP_CLIENT = "import socket, sys\n"
            + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + "s.settimeout(3)\n"
            + "s.connect(('" + SERVER_IP + "', int(sys.argv[1])))\n"
            + "s.send(b'hello-through-the-firewall')\n"
            + "try:\n"
            + "    print(s.recv(2048).decode())\n"
            + "except ConnectionRefusedError:\n"
            + "    print('refused')\n"
            + "except socket.timeout:\n"
            + "    print('timeout')\n";

    private static Firewall firewallFromGuice() {
        NfCatalog catalog = Guice.createInjector(new FirewallModule()).getInstance(NfCatalog.class);
        ConfigLocation at = new ConfigLocation("FirewallNamespaceTest", 1, "nfs[0].settings");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rules", RULES);
        values.put("default-policy", "drop");
        NetworkFunction nf = catalog.create("fw", "firewall", at, new NfSettings(at, values, Map.of()));
        assertThat(nf).isInstanceOf(Firewall.class);
        return (Firewall) nf;
    }

    private static long drops(Firewall firewall, String reason) {
        return firewall.dropReasons().stream().filter(r -> r.name().equals(reason)).mapToLong(DropReason::count).sum();
    }

    @Test
    void curlThroughTheFirewallBetweenNamespaces(@TempDir Path dir) throws Exception {
        NetnsLab.assumeRoot("firewall namespace test", "ethtool", "curl", "python3", "ss");
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] blob = new byte[2 << 20];
        new Random(3).nextBytes(blob);
        Files.write(www.resolve("blob"), blob);
        Firewall firewall = firewallFromGuice();
        try (NetnsLab lab = NetnsLab.create()) {
            String client = lab.add("client");
            String fw = lab.add("firewall");
            String server = lab.add("server");
            lab.veth(fw, "inside", client, "eth0");
            lab.veth(fw, "outside", server, "eth0");
            lab.in(client, "ip", "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
            lab.in(server, "ip", "addr", "add", SERVER_IP + "/24", "dev", "eth0");
            Port inside = lab.call(fw, () -> Ports.open("afpacket:inside"));
            Port outside = lab.call(fw, () -> Ports.open("afpacket:outside"));
            try (NfRuntime runtime = NfRuntime.builder(new RunOptions(64, IdleMode.BLOCK, 500))
                    .port("inside", inside).port("outside", outside).nf("fw", firewall)
                    .connect("fw", "inside", "inside").connect("fw", "outside", "outside").build()) {
                CompletableFuture<NfRuntime.StopCause> loop = CompletableFuture.supplyAsync(runtime::run);
                try {
                    lab.background(server, dir.resolve("server.log"), "python3", "-m", "http.server", "8080", "--bind", SERVER_IP,
                            "--directory", www.toString());
                    lab.background(client, dir.resolve("client-server.log"), "python3", "-m", "http.server", "9000", "--bind",
                            CLIENT_IP, "--directory", www.toString());
                    lab.background(server, dir.resolve("udp-echo.log"), "python3", "-c", UDP_ECHO);
                    lab.awaitListening(server, 8080, false);
                    lab.awaitListening(client, 9000, false);
                    lab.awaitListening(server, 5353, true);

                    Path downloaded = dir.resolve("downloaded");
                    NetnsLab.Result get = lab.execIn(60, client, "curl", "-sS",
                            "--max-time", "45", "-o", downloaded.toString(), "http://" + SERVER_IP + ":8080/blob");
                    assertThat(get.exitCode()).as("allowed port: %s; server log: %s", get.output(),
                            Files.readString(dir.resolve("server.log"))).isZero();
                    assertThat(Files.readAllBytes(downloaded)).as("2 MB downloaded intact").isEqualTo(blob);

                    NetnsLab.Result refused = lab.execIn(30, client, "curl", "-sS",
                            "--max-time", "10", "http://" + SERVER_IP + ":8081/");
                    assertThat(refused.exitCode()).as("rejected port: connection refused by our RST; %s", refused.output()).isEqualTo(7);
                    assertThat(refused.millis()).as("refused at once, not timed out").isLessThan(5_000);

                    NetnsLab.Result dropped = lab.execIn(30, client, "curl", "-sS",
                            "--connect-timeout", "2", "http://" + SERVER_IP + ":8082/");
                    assertThat(dropped.exitCode()).as("dropped port times out; %s", dropped.output()).isEqualTo(28);

                    NetnsLab.Result echoed = lab.execIn(30, client, "python3", "-c", UDP_CLIENT, "5353");
                    assertThat(echoed.output().strip()).as("UDP: the answer passes as part of the pseudo-connection")
                            .isEqualTo("hello-through-the-firewall");
                    NetnsLab.Result udpRefused = lab.execIn(30, client, "python3", "-c", UDP_CLIENT, "5354");
                    assertThat(udpRefused.output().strip()).as("UDP: our ICMP port unreachable reaches the client's socket")
                            .isEqualTo("refused");

                    NetnsLab.Result inbound = lab.execIn(30, server, "curl", "-sS",
                            "--connect-timeout", "2", "http://" + CLIENT_IP + ":9000/blob");
                    assertThat(inbound.exitCode()).as("an unsolicited inbound connection never gets through; %s", inbound.output())
                            .isEqualTo(28);
                } finally {
                    runtime.stop();
                    loop.get(10, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(firewall.rulePackets(0)).as("one SYN met the accept rule").isEqualTo(1);
        assertThat(firewall.establishedCount()).as("the download went through connection tracking").isGreaterThan(100);
        assertThat(firewall.rejectsSent()).isGreaterThanOrEqualTo(1);
        assertThat(drops(firewall, "rule-drop")).isGreaterThanOrEqualTo(1);
        assertThat(drops(firewall, "default-drop")).as("the inbound SYNs").isGreaterThanOrEqualTo(1);
    }
}
