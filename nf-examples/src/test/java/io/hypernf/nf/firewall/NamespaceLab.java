package io.hypernf.nf.firewall;

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
 * Three network namespaces this test creates — client, firewall, server — and two veth pairs,
 * client &lt;-&gt; firewall-inside and firewall-outside &lt;-&gt; server, with offloads off on every
 * end (LAB.md "Namespace tests": a forwarder on AF_PACKET sees GSO super-frames and partial
 * checksums otherwise) and IPv6 off, so the only traffic is the test's. Client and server share
 * one IPv4 subnet: the firewall is a bump in the wire. Nothing touches the caller's namespace.
 */
final class NamespaceLab implements AutoCloseable {
    /** setns(2) through JNA: a thread's network namespace is its own. */
    static final class NamespaceLib {
        static {
            Native.register(NamespaceLib.class, "c");
        }

        static native int setns(int fd, int nstype);
    }

    private static final int CLONE_NEWNET = 0x40000000;
    static final String CLIENT_IP = "10.77.0.1";
    static final String SERVER_IP = "10.77.0.2";

    final String client;
    final String firewall;
    final String server;
    final String clientEnd;
    final String insideEnd;
    final String outsideEnd;
    final String serverEnd;
    private final List<String> created = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NamespaceLab(String suffix) {
        client = "hnf-fw-" + suffix + "-c";
        firewall = "hnf-fw-" + suffix + "-f";
        server = "hnf-fw-" + suffix + "-s";
        clientEnd = "fwc" + suffix;
        insideEnd = "fwi" + suffix;
        outsideEnd = "fwo" + suffix;
        serverEnd = "fws" + suffix;
    }

    /** Skips the calling test, saying why, unless this is root with the tools the test runs. */
    static void assumeRootWithTools() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                "firewall namespace test needs root (namespaces, veth, AF_PACKET); running as uid " + uid + ", so skipped");
        for (String tool : List.of("ip", "ethtool", "curl", "python3", "ss")) {
            if (!onPath(tool)) {
                throw new AssertionError(tool + " is missing: run scripts/ensure-deps.sh as root");
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    static NamespaceLab create() throws Exception {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        NamespaceLab lab = new NamespaceLab(HexFormat.of().formatHex(random));
        try {
            lab.setUp();
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    private void setUp() throws Exception {
        for (String ns : List.of(client, firewall, server)) {
            run("ip", "netns", "add", ns);
            created.add(ns);
        }
        run("ip", "-n", firewall, "link", "add", insideEnd, "type", "veth", "peer", "name", clientEnd, "netns", client);
        run("ip", "-n", firewall, "link", "add", outsideEnd, "type", "veth", "peer", "name", serverEnd, "netns", server);
        prepare(client, clientEnd);
        prepare(firewall, insideEnd);
        prepare(firewall, outsideEnd);
        prepare(server, serverEnd);
        run("ip", "-n", client, "addr", "add", CLIENT_IP + "/24", "dev", clientEnd);
        run("ip", "-n", server, "addr", "add", SERVER_IP + "/24", "dev", serverEnd);
    }

    private void prepare(String ns, String end) throws Exception {
        run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
        run("ip", "netns", "exec", ns, "ethtool", "-K", end, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
        run("ip", "-n", ns, "link", "set", end, "up");
    }

    /** Runs {@code action} on a fresh thread inside {@code ns} (sockets it opens stay in {@code ns}). */
    <T> T inside(String ns, Callable<T> action) throws Exception {
        Path handle = Path.of("/var/run/netns", ns);
        FutureTask<T> task = new FutureTask<>(() -> {
            Syscalls sys = LinuxSyscalls.INSTANCE;
            int fd = sys.open(handle.toString(), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + handle + ": " + sys.describe(sys.errno()));
            }
            try {
                if (NamespaceLib.setns(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("setns(" + handle + "): " + sys.describe(Native.getLastError()));
                }
            } finally {
                sys.close(fd);
            }
            return action.call();
        });
        Thread thread = new Thread(task, "netns-" + ns);
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

    /** Starts a background command in {@code ns}; it is killed by {@link #close()}. */
    Process start(String ns, Path log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /** Waits until something listens on TCP (or, with {@code udp}, UDP) {@code port} in {@code ns}. */
    void awaitListening(String ns, int port, boolean udp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Result result = exec(10, "ip", "netns", "exec", ns, "ss", udp ? "-lunH" : "-ltnH", "sport = :" + port);
            if (result.exitCode == 0 && !result.output.isBlank()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing listens on port " + port + " in " + ns + " after 20 s");
    }

    /** A command's exit code and output. */
    record Result(int exitCode, String output, long millis) {}

    /** Runs a command to its end (killed after {@code timeoutSeconds}, exit code -1). */
    static Result exec(int timeoutSeconds, String... command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out: " + String.join(" ", command), (System.nanoTime() - start) / 1_000_000);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output, (System.nanoTime() - start) / 1_000_000);
    }

    private static void run(String... command) throws Exception {
        Result result = exec(30, command);
        if (result.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exitCode + "): " + result.output);
        }
    }

    /** Kills the processes and deletes the namespaces (and with them the veth pairs); safe after a partial set-up. */
    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : created) {
            exec(30, "ip", "netns", "del", ns);
        }
    }
}
