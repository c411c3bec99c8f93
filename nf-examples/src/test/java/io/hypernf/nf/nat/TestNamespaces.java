package io.hypernf.nf.nat;

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
 * Network namespaces this test creates ({@code hnf-nat-<random>-<role>}) and deletes again, and
 * threads that run inside one of them (setns(2) on a fresh thread: a thread's network namespace is
 * its own, so sockets it opens live there). Nothing is configured in the caller's namespace, so
 * no traffic can leave the namespaces.
 */
final class TestNamespaces implements AutoCloseable {
    static final class Setns {
        static {
            Native.register(Setns.class, "c");
        }

        static native int setns(int fd, int nstype);
    }

    private static final int CLONE_NEWNET = 0x40000000;

    final String prefix;
    private final List<String> created = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    TestNamespaces() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        prefix = "hnf-nat-" + HexFormat.of().formatHex(random);
    }

    /** Skips the calling test, saying why, unless this is root with ip and ethtool installed. */
    static void assumeRootWithTools() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                "the NAT namespace test needs root (network namespaces, AF_PACKET); running as uid " + uid + ", so skipped");
        for (String tool : List.of("ip", "ethtool")) {
            if (!Files.isExecutable(Path.of("/usr/sbin", tool)) && !Files.isExecutable(Path.of("/sbin", tool))) {
                throw new AssertionError(tool + " is missing: run scripts/ensure-deps.sh as root (apt-get install iproute2 ethtool)");
            }
        }
    }

    /** Makes namespace {@code role} and returns its full name. */
    String add(String role) throws IOException, InterruptedException {
        String name = prefix + "-" + role;
        run("ip", "netns", "add", name);
        created.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** Runs a command inside namespace {@code ns}. */
    String in(String ns, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full.toArray(new String[0]));
    }

    /** Brings a link up with offloads and IPv6 off (LAB.md: a forwarder on AF_PACKET needs offloads off). */
    void prepare(String ns, String link) throws IOException, InterruptedException {
        in(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + link + ".disable_ipv6=1");
        in(ns, "ethtool", "-K", link, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
        run("ip", "-n", ns, "link", "set", link, "up");
    }

    /** Runs {@code action} on a fresh thread inside {@code ns} and returns its result. */
    <T> T call(String ns, Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            enter(ns);
            return action.call();
        });
        Thread thread = new Thread(task, "netns-" + ns);
        thread.start();
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Starts a daemon thread inside {@code ns}; it is interrupted and joined at {@link #close}. */
    void start(String ns, String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                enter(ns);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            body.run();
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void enter(String ns) throws IOException {
        Path handle = Path.of("/var/run/netns", ns);
        Syscalls sys = LinuxSyscalls.INSTANCE;
        int fd = sys.open(handle.toString(), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("open " + handle + ": " + sys.describe(sys.errno()));
        }
        try {
            if (Setns.setns(fd, CLONE_NEWNET) != 0) {
                throw new IOException("setns(" + handle + "): " + sys.describe(Native.getLastError()));
            }
        } finally {
            sys.close(fd);
        }
    }

    @Override
    public void close() throws Exception {
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(5000);
        }
        IOException failure = null;
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                failure = e;
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
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
}
