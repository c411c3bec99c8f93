package io.hypernf.sdk.port.afpacket;

import com.sun.jna.Native;
import io.hypernf.sdk.port.os.LinuxSyscalls;
import io.hypernf.sdk.port.os.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace {@code hnf-test-<random>} that this test creates, holding both ends of one
 * veth pair with offloads and IPv6 off (LAB.md "Namespace tests": a forwarder on AF_PACKET needs
 * offloads off; without IPv6 the link is silent, so every frame seen is the test's own). Nothing
 * is added to the caller's namespace, so no traffic can leave the namespace. Ports are opened
 * from a short-lived thread that entered the namespace with setns(2); the sockets stay in it.
 */
final class VethNamespace implements AutoCloseable {
    /** setns(2) through JNA; a thread's network namespace is its own (CLONE_NEWNET is per task). */
    static final class NamespaceLib {
        static {
            Native.register(NamespaceLib.class, "c");
        }

        static native int setns(int fd, int nstype);
    }

    private static final int CLONE_NEWNET = 0x40000000;

    final String namespace;
    final String endA;
    final String endB;
    private boolean created;

    private VethNamespace(String suffix) {
        this.namespace = "hnf-test-" + suffix;
        this.endA = "hnf" + suffix.substring(0, 6) + "a";
        this.endB = "hnf" + suffix.substring(0, 6) + "b";
    }

    /** Skips the calling test, saying why, unless this is root with ip and ethtool installed. */
    static void assumeRootWithTools() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                "afpacket veth tests need root (network namespaces, AF_PACKET); running as uid " + uid + ", so skipped");
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/ethtool")) {
            if (!Files.isExecutable(Path.of(tool)) && !Files.isExecutable(Path.of(tool.replace("/usr/sbin", "/sbin")))) {
                throw new AssertionError(tool + " is missing: run scripts/ensure-deps.sh as root (apt-get install iproute2 ethtool)");
            }
        }
    }

    static VethNamespace create() throws Exception {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        VethNamespace ns = new VethNamespace(HexFormat.of().formatHex(random));
        try {
            ns.setUp();
            return ns;
        } catch (Exception | AssertionError e) {
            ns.close();
            throw e;
        }
    }

    private void setUp() throws Exception {
        run("ip", "netns", "add", namespace);
        created = true;
        run("ip", "-n", namespace, "link", "add", endA, "type", "veth", "peer", "name", endB);
        for (String end : List.of(endA, endB)) {
            run("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
            run("ip", "netns", "exec", namespace, "ethtool", "-K", end, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
            run("ip", "-n", namespace, "link", "set", end, "up");
        }
    }

    /** Runs {@code action} on a fresh thread inside the namespace and returns its result (or rethrows its exception). */
    <T> T inside(Callable<T> action) throws Exception {
        Path handle = Path.of("/var/run/netns", namespace);
        FutureTask<T> task = new FutureTask<>(() -> {
            Syscalls sys = LinuxSyscalls.INSTANCE;
            int fd = sys.open(handle.toString(), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + handle + ": " + sys.describe(sys.errno()));
            }
            try {
                if (NamespaceLib.setns(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("setns(" + handle + ", CLONE_NEWNET): " + sys.describe(Native.getLastError()));
                }
            } finally {
                sys.close(fd);
            }
            return action.call();
        });
        Thread thread = new Thread(task, "netns-" + namespace);
        thread.start();
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Deletes the links and the namespace; safe to call after a partial set-up. */
    @Override
    public void close() throws Exception {
        if (!created) {
            return;
        }
        created = false;
        runQuietly("ip", "-n", namespace, "link", "del", endA);
        run("ip", "netns", "del", namespace);
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + out.trim());
        }
        return out;
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException | InterruptedException ignored) {
            // Best effort: deleting the namespace below removes the link anyway.
        }
    }

    /** Names of this test's namespaces that still exist (to check clean-up). */
    static List<String> existingTestNamespaces() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            String name = line.trim().split(" ")[0];
            if (name.startsWith("hnf-test-")) {
                names.add(name);
            }
        }
        return names;
    }
}
