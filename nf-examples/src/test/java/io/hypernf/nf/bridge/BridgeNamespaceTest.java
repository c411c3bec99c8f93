package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.os.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic through the bridge: three host namespaces on one subnet, each joined by a veth pair
 * to a bridge namespace where {@code hypernf run} (this build's classes, in a child JVM started
 * inside that namespace) runs a 3-port bridge on {@code afpacket:} ports. ARP broadcasts must be
 * flooded and the learned unicast forwarded for curl in host 1 to fetch each other host's name.
 */
class BridgeNamespaceTest {

    @Test
    void hostsOnThreeBridgePortsReachEachOther(@TempDir Path dir) throws Exception {
        NetnsLab.assumeRoot("bridge namespace test", "ethtool", "python3", "curl", "ss");
        try (NetnsLab lab = NetnsLab.create()) {
            String bridgeNs = lab.add("bridge");
            List<String> hosts = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                String host = lab.add("host" + n);
                hosts.add(host);
                lab.veth(bridgeNs, "p" + n, host, "e" + n);
                lab.in(host, "ip", "addr", "add", "10.89.0." + n + "/24", "dev", "e" + n);
                Path www = Files.createDirectories(dir.resolve("www" + n));
                Files.writeString(www.resolve("name"), "host-" + n + "\n");
                lab.background(host, dir.resolve("http" + n + ".log"), "python3", "-m", "http.server", "8000", "--bind",
                        "10.89.0." + n, "--directory", www.toString());
            }
            Path config = dir.resolve("bridge.yaml");
            Files.writeString(config, String.join("\n",
                    "ports:", "  p1: afpacket:p1", "  p2: afpacket:p2", "  p3: afpacket:p3",
                    "nfs:", "  - name: br", "    type: bridge", "    settings:", "      ports: [a, b, c]",
                    "chain:", "  br.a: p1", "  br.b: p2", "  br.c: p3", "run:", "  batch: 32", "  idle: block", ""));
            Path bridgeLog = dir.resolve("bridge.log");
            Process bridge = lab.background(bridgeNs, bridgeLog,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    "io.hypernf.sdk.cli.HypernfCommand", "run", "-c", config.toString(), "--no-stats");
            for (int n = 2; n <= 3; n++) {
                lab.awaitListening(hosts.get(n - 1), 8000, false);
            }
            String client = hosts.get(0);
            for (int n = 2; n <= 3; n++) {
                NetnsLab.Result get = null;
                for (int attempt = 0; attempt < 20; attempt++) {
                    get = lab.execIn(20, client, "curl", "-sS", "--max-time", "5", "http://10.89.0." + n + ":8000/name");
                    if (get.exitCode() == 0 || !bridge.isAlive()) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(get.output().trim()).as("curl to host %d; bridge log: %s", n, Files.readString(bridgeLog)).isEqualTo("host-" + n);
            }
            bridge.destroy();
            assertThat(bridge.waitFor(15, TimeUnit.SECONDS)).isTrue();
            String summary = Files.readString(bridgeLog);
            System.out.println(summary);
            assertThat(summary).containsPattern("br +bridge +in [1-9]\\d* pkts");
        }
    }
}
