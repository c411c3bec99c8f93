package io.hypernf.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.pcap.PcapError;
import io.hypernf.sdk.port.pcap.PcapReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGINT and SIGTERM stop a run cleanly with exit codes 130 and 143: the command runs in a child
 * JVM (a signal to the test JVM would stop the test run), over a capture replayed in a loop, and
 * gets the signal once its live stats line shows it is running.
 *
 * <p>A process started with SIGINT ignored keeps ignoring it (the JVM then installs no handler:
 * the Unix convention for background jobs), and children inherit that. Builds run as background
 * jobs of a non-interactive shell (CI) start the test JVM so, which made the SIGINT case hang; the
 * child is therefore started through {@code env --default-signal=INT}.
 */
class SignalExitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130, stopped by SIGINT", "TERM, 143, stopped by SIGTERM"})
    void aSignalStopsTheRunWithItsExitCode(String signal, int expectedExit, String ending) throws Exception {
        if (!signal.equals("TERM")) {
            Assumptions.assumeTrue(killCommand() != null, "no kill(1) program to send SIG" + signal
                    + " (package procps; scripts/ensure-deps.sh installs it as root)");
        }
        Path in = dir.resolve("in.pcap");
        List<byte[]> frames = PcapFiles.frames(40, '1');
        frames.addAll(PcapFiles.frames(10, 'D'));
        PcapFiles.write(in, frames);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(ENV, "--default-signal=INT", java, "-cp", System.getProperty("java.class.path"), CliTestMain.class.getName(),
                "run", "coded", "--port", "p0=pcap:" + in + "?loop=100000000", "--port", "p1=pcap:" + dir.resolve("out.pcap") + "?mode=write")
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stderr.readLine()) != null && !line.contains("pps in")) {
                System.err.println("child: " + line);
            }
            assertThat(line).as("the live stats line appeared").contains("pps in");
            if (signal.equals("TERM")) {
                child.destroy();
            } else {
                new ProcessBuilder(killCommand(), "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
            }
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the child stopped").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(expectedExit);
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        assertThat(stdout).contains("hypernf: " + ending).contains("coded/bad-frame=");
        Matcher written = Pattern.compile("p1 .* tx (\\d+) pkts").matcher(stdout);
        assertThat(written.find()).as("the summary has p1's TX count: %s", stdout).isTrue();
        long transmitted = Long.parseLong(written.group(1));
        assertThat(transmitted).as("packets went out before the signal").isPositive();
        long records = 0;
        try (PcapReader reader = PcapReader.open(dir.resolve("out.pcap"))) {
            while (reader.next()) {
                records++;
            }
            assertThat(reader.error()).as("the output ends on a whole record").isEqualTo(PcapError.NONE);
        }
        assertThat(records).as("every packet counted as sent is in the file: TX flushed before exit").isEqualTo(transmitted);
    }

    /** coreutils' env(1), which resets a signal's disposition before it runs the command. */
    private static final String ENV = "/usr/bin/env";

    /** The kill(1) program; Process.destroy() sends SIGTERM but Java has no way to send SIGINT. */
    private static String killCommand() {
        for (String path : new String[] {"/usr/bin/kill", "/bin/kill"}) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        return null;
    }
}
