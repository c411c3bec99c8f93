package io.hypernf.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGINT and SIGTERM stop a run cleanly with exit codes 130 and 143: the command runs in a child
 * JVM (a signal to the test JVM would stop the test run), over a capture replayed in a loop, and
 * gets the signal once its live stats line shows it is running.
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
        PcapFiles.write(in, PcapFiles.frames(50, 'D'));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CliTestMain.class.getName(),
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
    }

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
