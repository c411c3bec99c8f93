package io.hypernf.sdk.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles src/test/c/netmap_layout.c (the structs of NETMAP-ABI.md in C) with gcc, runs it and
 * compares every offsetof/sizeof and ioctl number it prints with the {@link NetmapLayout} constant
 * of the same name. Skipped with a message where gcc is missing, except under CI (CI=true), where
 * a missing gcc is a failure: scripts/ensure-deps.sh installs it.
 */
class NetmapLayoutTest {

    @Test
    void javaConstantsMatchTheCCompilersLayout(@TempDir Path dir) throws Exception {
        boolean gcc = commandExists("gcc");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(gcc).as("gcc is required in CI (scripts/ensure-deps.sh installs it)").isTrue();
        }
        assumeTrue(gcc, "gcc not found: the C layout check is skipped (apt-get install gcc libc6-dev to run it)");

        Path binary = dir.resolve("netmap_layout");
        String compiled = run(dir, "gcc", "-std=gnu11", "-Wall", "-Werror", "-o", binary.toString(), source().toString());
        assertThat(compiled).as("gcc output").isEmpty();
        Map<String, Long> fromC = parse(run(dir, binary.toString()));

        assertThat(fromC).as("keys printed by the C program").hasSizeGreaterThanOrEqualTo(70);
        for (Map.Entry<String, Long> e : fromC.entrySet()) {
            Field field = NetmapLayout.class.getField(e.getKey());
            long java = Integer.toUnsignedLong(field.getInt(null));
            assertThat(java).as("NetmapLayout.%s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(fromC).containsKeys("SLOT_SIZE", "RING_SLOTS", "IF_RING_OFS", "HDR_BODY", "REG_FLAGS",
                "OPT_SIZE", "NMREQ_SIZE", "NIOCCTRL", "NIOCTXSYNC", "NIOCRXSYNC", "NIOCGINFO", "NIOCREGIF");
        assertThat(fromC.get("NIOCCTRL")).as("_IOWR('i', 151, struct nmreq_header)").isEqualTo(0xc0586997L);
    }

    private static Path source() {
        Path inModule = Path.of("src/test/c/netmap_layout.c");
        if (Files.exists(inModule)) {
            return inModule.toAbsolutePath();
        }
        return Path.of(System.getProperty("hypernf.repo.root", "."), "sdk/src/test/c/netmap_layout.c").toAbsolutePath();
    }

    static Map<String, Long> parse(String output) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            assertThat(parts).as("line '%s'", line).hasSize(2);
            map.put(parts[0], Long.parseLong(parts[1]));
        }
        return map;
    }

    private static boolean commandExists(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(p.exitValue()).as("exit status of %s; output:%n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
