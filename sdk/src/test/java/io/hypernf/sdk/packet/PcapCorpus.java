package io.hypernf.sdk.packet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared capture corpus is (tcpdump's test captures, see its README.md) for tests of any
 * module: the system property {@code hypernf.corpus}, else {@code ../shared/testdata/pcap-corpus}
 * beside the repository root ({@code hypernf.repo.root}, set by surefire; CI clones the repository
 * next to {@code shared/}). Missing corpus: the test fails in CI ({@code CI=true}), where it must
 * run, and is skipped elsewhere, with a message saying where it looked.
 */
public final class PcapCorpus {
    private PcapCorpus() {}

    public static final String PROPERTY = "hypernf.corpus";

    /** The corpus directory, or a skipped (outside CI) / failed (in CI) test. */
    public static Path directory() {
        Path dir = candidate();
        if (dir != null && Files.isDirectory(dir)) {
            return dir;
        }
        String message = "pcap corpus not found at " + dir + " (set -D" + PROPERTY + "=DIR, or put shared/testdata/pcap-corpus beside the repository)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort(message);
        return null;
    }

    private static Path candidate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String root = System.getProperty("hypernf.repo.root");
        Path repository = root != null && !root.isBlank() ? Paths.get(root) : Paths.get("").toAbsolutePath();
        return repository.toAbsolutePath().normalize().resolveSibling("shared").resolve("testdata").resolve("pcap-corpus");
    }

    /** Every capture file of the corpus (everything but its notes), sorted by name. */
    public static List<Path> files() throws IOException {
        Path dir = directory();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
