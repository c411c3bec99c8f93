package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.cli.CliContext;
import io.hypernf.sdk.cli.ExitCodes;
import io.hypernf.sdk.cli.HypernfCommand;
import io.hypernf.sdk.nf.DefaultPortOpener;
import io.hypernf.sdk.nf.NfBindings;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAT run as its users run it, {@code hypernf run nat -p inside=... -p outside=... -s pool=...}
 * and {@code hypernf run -c nat.yaml}, in-process with the NFs found through ServiceLoader, over
 * pcap ports: what leaves outside carries the pool address, and a bad setting is exit code 2
 * with file:line:key.
 */
class NatCommandTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        CliContext context = new CliContext(NfBindings.pluginModules(getClass().getClassLoader()), new DefaultPortOpener(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return HypernfCommand.execute(context, args);
    }

    private Path input() throws Exception {
        Path input = dir.resolve("inside.pcap");
        try (PcapWriter writer = PcapWriter.create(input, false)) {
            for (int i = 0; i < 10; i++) {
                byte[] f = NatFrames.udp(ip("10.0.0." + (1 + i % 3)), 5000, ip("198.51.100.9"), 53);
                writer.write(1_000_000_000L * (i + 1), f, 0, f.length);
            }
        }
        return input;
    }

    @Test
    void runFromTheCommandLineTranslatesEveryDatagram() throws Exception {
        Path output = dir.resolve("outside.pcap");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = run(out, err, "run", "nat", "--no-stats", "-p", "inside=pcap:" + input(), "-p", "outside=pcap:" + output + "?mode=write",
                "-s", "pool=203.0.113.1", "-s", "port-range=20000-20009");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        int records = 0;
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        try (PcapReader reader = PcapReader.open(output)) {
            byte[] frame = new byte[PcapReader.MAX_CAPTURED_LENGTH];
            while (reader.next()) {
                int length = reader.copyTo(frame, 0);
                byte[] f = java.util.Arrays.copyOf(frame, length);
                assertThat(NatFrames.source(f)).isEqualTo(ip("203.0.113.1"));
                assertThat(NatFrames.checksumProblem(f)).isNull();
                ports.add(NatFrames.sourcePort(f));
                records++;
            }
        }
        assertThat(records).isEqualTo(10);
        assertThat(ports).as("three hosts, one kept 5000, two got ports from the range").hasSize(3).contains(5000);
    }

    @Test
    void aBadPoolInAConfigFileIsExitCodeTwoNamingFileLineAndKey() throws Exception {
        Path config = dir.resolve("nat.yaml");
        Files.writeString(config, String.join("\n",
                "ports:",
                "  lan: pcap:" + input(),
                "  wan: pcap:" + dir.resolve("out.pcap") + "?mode=write",
                "nfs:",
                "  - name: edge",
                "    type: nat",
                "    settings:",
                "      pool: 10.0.0.0/33",
                "chain:",
                "  edge.inside: lan",
                "  edge.outside: wan",
                ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = run(out, err, "run", "-c", config.toString(), "--no-stats");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nat.yaml:8: nfs[0].settings.pool '10.0.0.0/33' is not a CIDR");
    }
}
