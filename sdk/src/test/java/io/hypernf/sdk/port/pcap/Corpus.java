package io.hypernf.sdk.port.pcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared capture corpus (tcpdump's test captures): {@code -Dhypernf.corpus=DIR}, else
 * {@code shared/testdata/pcap-corpus} beside the repository root ({@code hypernf.repo.root}, set
 * by surefire). Missing: a failure when {@code CI=true}, a skip with the path looked at elsewhere.
 */
final class Corpus {
    private Corpus() {}

    static List<Path> files() throws IOException {
        String explicit = System.getProperty("hypernf.corpus");
        Path dir = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : Path.of(System.getProperty("hypernf.repo.root", "")).toAbsolutePath().normalize()
                        .resolveSibling("shared").resolve("testdata").resolve("pcap-corpus");
        if (!Files.isDirectory(dir)) {
            String message = "pcap corpus not found at " + dir + " (set -Dhypernf.corpus=DIR)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(message);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }
}
