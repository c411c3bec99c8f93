package io.hypernf.sdk.port.pcap;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Wireshark's {@code tshark} on a capture file, as an independent judge of what the SDK
 * writes. scripts/ensure-deps.sh installs it when run as root (CI); as root without it the check
 * fails (CI must run it), otherwise it is skipped with a message.
 */
final class Tshark {
    private Tshark() {}

    static void assumeAvailable() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/tshark"));
        if (!present && isRoot()) {
            fail("tshark is missing: run scripts/ensure-deps.sh as root (apt-get install tshark) before the tests");
        }
        Assumptions.assumeTrue(present, "tshark is not installed and this is not root: install it with apt-get install tshark");
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * {@code tshark -r FILE -T fields -e F1 -e F2 ...}: one row per frame, fields split on tabs.
     * Fails the test if tshark reports an error or writes to stderr (a malformed file).
     */
    static List<String[]> fields(Path file, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-n", "-r", file.toString(), "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("tshark did not finish within 60 s on " + file);
            }
            // tshark warns on stderr when run as root; that line says nothing about the file.
            String errors = Files.readString(err).lines().filter(line -> !line.startsWith("Running as user"))
                    .reduce("", (a, b) -> a + b + "\n");
            if (process.exitValue() != 0 || !errors.isBlank()) {
                fail("tshark rejected " + file + " (exit " + process.exitValue() + "): " + errors);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
