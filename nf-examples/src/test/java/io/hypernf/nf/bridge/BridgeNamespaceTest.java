package io.hypernf.nf.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic through the bridge: three host namespaces on one subnet, each joined by a veth pair
 * to a bridge namespace where {@code hypernf run} (this build's classes, in a child JVM started
 * inside that namespace) runs a 3-port bridge on {@code afpacket:} ports. ARP broadcasts must be
 * flooded and the learned unicast forwarded for curl in host 1 to fetch each other host's name.
 */
class BridgeNamespaceTest {

    private static Result exec(int seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {}

    private static void must(String... command) throws Exception {
        Result r = exec(30, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + r.output());
        }
    }

    @Test
    void hostsOnThreeBridgePortsReachEachOther(@TempDir Path dir) throws Exception {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid), "bridge namespace test needs root; uid is " + uid + ", so skipped");
        for (String tool : List.of("ip", "ethtool", "python3", "curl", "ss")) {
            assertThat(exec(10, "sh", "-c", "command -v " + tool).exit()).as(tool + " missing: run scripts/ensure-deps.sh").isZero();
        }
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        String bridgeNs = "hnf-br" + tag + "-b";
        List<String> made = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        try {
            must("ip", "netns", "add", bridgeNs);
            made.add(bridgeNs);
            for (int n = 1; n <= 3; n++) {
                String host = "hnf-br" + tag + "-" + n;
                must("ip", "netns", "add", host);
                made.add(host);
                must("ip", "-n", bridgeNs, "link", "add", "p" + n, "type", "veth", "peer", "name", "e" + n, "netns", host);
                for (String[] end : new String[][] {{bridgeNs, "p" + n}, {host, "e" + n}}) {
                    must("ip", "netns", "exec", end[0], "sysctl", "-q", "-w", "net.ipv6.conf." + end[1] + ".disable_ipv6=1");
                    exec(10, "ip", "netns", "exec", end[0], "ethtool", "-K", end[1], "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
                    must("ip", "-n", end[0], "link", "set", end[1], "up");
                }
                must("ip", "-n", host, "addr", "add", "10.89.0." + n + "/24", "dev", "e" + n);
                Path www = Files.createDirectories(dir.resolve("www" + n));
                Files.writeString(www.resolve("name"), "host-" + n + "\n");
                processes.add(new ProcessBuilder("ip", "netns", "exec", host, "python3", "-m", "http.server", "8000", "--bind",
                        "10.89.0." + n, "--directory", www.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("http" + n + ".log").toFile()).start());
            }
            Path config = dir.resolve("bridge.yaml");
            Files.writeString(config, String.join("\n",
                    "ports:", "  p1: afpacket:p1", "  p2: afpacket:p2", "  p3: afpacket:p3",
                    "nfs:", "  - name: br", "    type: bridge", "    settings:", "      ports: [a, b, c]",
                    "chain:", "  br.a: p1", "  br.b: p2", "  br.c: p3", "run:", "  batch: 32", "  idle: block", ""));
            Path bridgeLog = dir.resolve("bridge.log");
            Process bridge = new ProcessBuilder("ip", "netns", "exec", bridgeNs,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    "io.hypernf.sdk.cli.HypernfCommand", "run", "-c", config.toString(), "--no-stats")
                    .redirectErrorStream(true).redirectOutput(bridgeLog.toFile()).start();
            processes.add(bridge);
            for (int n = 2; n <= 3; n++) {
                String host = "hnf-br" + tag + "-" + n;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (exec(10, "ip", "netns", "exec", host, "ss", "-ltnH", "sport = :8000").output().isBlank()) {
                    assertThat(System.nanoTime()).as("http.server in " + host).isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            String client = "hnf-br" + tag + "-1";
            for (int n = 2; n <= 3; n++) {
                Result get = null;
                for (int attempt = 0; attempt < 20; attempt++) {
                    get = exec(20, "ip", "netns", "exec", client, "curl", "-sS", "--max-time", "5", "http://10.89.0." + n + ":8000/name");
                    if (get.exit() == 0 || !bridge.isAlive()) {
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
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            for (String ns : made) {
                exec(30, "ip", "netns", "del", ns);
            }
        }
    }
}
