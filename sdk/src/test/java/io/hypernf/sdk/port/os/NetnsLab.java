package io.hypernf.sdk.port.os;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Network namespaces a test makes for itself, the veth pairs between them, and the threads and
 * processes it runs inside them; every namespace test of the sdk and the example NFs uses this
 * one helper. Nothing is configured in the caller's namespace, so no traffic can leave the lab.
 *
 * <p>Names never collide and never leak. A namespace is called
 * {@code hnf-t-<pid>-<run>-<lab>-<role>}: the JVM's pid and a random run token make it unique
 * across concurrent test JVMs, the lab number unique within one. {@link #close()} deletes them
 * whatever the test did (use try-with-resources or an {@code @AfterAll}), a shutdown hook deletes
 * what a terminated JVM left open, and {@link #create()} first removes namespaces of this prefix
 * whose JVM is gone (a run killed with SIGKILL), killing any process still inside them.
 *
 * <p>Every link end is prepared the same way (LAB.md "Namespace tests"): offloads off, since a
 * forwarder on AF_PACKET would otherwise see GSO super-frames and partial checksums, and IPv6 off,
 * so the link carries only the test's own frames.
 */
public final class NetnsLab implements AutoCloseable {
    /** Prefix of every namespace this helper makes; {@link #removeStale()} looks only at these. */
    public static final String PREFIX = "hnf-t-";

    private static final int CLONE_NEWNET = 0x40000000;
    private static final long PID = ProcessHandle.current().pid();
    private static final String RUN = randomToken();
    private static final AtomicInteger LABS = new AtomicInteger();
    private static final Set<NetnsLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (NetnsLab lab : OPEN) {
                lab.closeQuietly();
            }
        }, "netns-lab-cleanup"));
    }

    /** setns(2) through JNA: a thread's network namespace is its own (CLONE_NEWNET is per task). */
    private static final class Setns {
        static {
            Native.register(Setns.class, "c");
        }

        static native int setns(int fd, int nstype);
    }

    /** A command's exit code (-1 when it was killed for taking too long), its output and its run time. */
    public record Result(int exitCode, String output, long millis) {}

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NetnsLab() {
        prefix = PREFIX + PID + "-" + RUN + "-" + LABS.incrementAndGet() + "-";
    }

    /**
     * Skips the calling test with a reason unless this runs as root; fails (rather than skips)
     * when a tool it needs is missing, since CI runs as root and must run the test. {@code ip} is
     * always needed.
     */
    public static void assumeRoot(String test, String... tools) throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                test + " needs root (network namespaces, veth, AF_PACKET); running as uid " + uid + ", so skipped");
        List<String> needed = new ArrayList<>(List.of("ip"));
        needed.addAll(List.of(tools));
        for (String tool : needed) {
            if (!onPath(tool)) {
                throw new AssertionError(tool + " is missing: run scripts/ensure-deps.sh as root");
            }
        }
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** A new, empty lab; namespaces left over by a killed run are removed first. */
    public static NetnsLab create() throws IOException, InterruptedException {
        removeStale();
        NetnsLab lab = new NetnsLab();
        OPEN.add(lab);
        return lab;
    }

    /** Makes namespace {@code role} (loopback up) and returns its full name. */
    public String add(String role) throws IOException, InterruptedException {
        String name = prefix + role;
        run("ip", "netns", "add", name);
        namespaces.add(name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** A veth pair from {@code end} in {@code ns} to {@code peerEnd} in {@code peerNs}, both ends prepared. */
    public void veth(String ns, String end, String peerNs, String peerEnd) throws IOException, InterruptedException {
        run("ip", "-n", ns, "link", "add", end, "type", "veth", "peer", "name", peerEnd, "netns", peerNs);
        prepare(ns, end);
        prepare(peerNs, peerEnd);
    }

    /** Brings {@code link} in {@code ns} up with IPv6 and offloads off. */
    public void prepare(String ns, String link) throws IOException, InterruptedException {
        in(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + link + ".disable_ipv6=1");
        in(ns, "ethtool", "-K", link, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
        run("ip", "-n", ns, "link", "set", link, "up");
    }

    /** Runs {@code command} inside {@code ns} to its end; it must succeed. */
    public String in(String ns, String... command) throws IOException, InterruptedException {
        return run(inside(ns, command));
    }

    /** Runs {@code command} inside {@code ns} to its end (killed after {@code timeoutSeconds}), whatever its exit code. */
    public Result execIn(int timeoutSeconds, String ns, String... command) throws IOException, InterruptedException {
        return exec(timeoutSeconds, inside(ns, command));
    }

    /** Starts {@code command} inside {@code ns} in the background, output to {@code log}; killed by {@link #close()}. */
    public Process background(String ns, Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(inside(ns, command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /** Runs {@code action} on a fresh thread inside {@code ns} and returns its result; sockets it opens stay in {@code ns}. */
    public <T> T call(String ns, Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            enter(ns);
            return action.call();
        });
        Thread thread = new Thread(task, "netns-" + ns);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("an action inside " + ns + " took more than 60 s", e);
        }
    }

    /** Starts {@code body} on a daemon thread inside {@code ns}; it is interrupted and joined by {@link #close()}. */
    public void thread(String ns, String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                enter(ns);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            body.run();
        }, name);
        thread.setDaemon(true);
        synchronized (threads) {
            threads.add(thread);
        }
        thread.start();
    }

    /** Waits until something listens on TCP (or, with {@code udp}, UDP) {@code port} in {@code ns}. */
    public void awaitListening(String ns, int port, boolean udp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Result result = execIn(10, ns, "ss", udp ? "-lunH" : "-ltnH", "sport = :" + port);
            if (result.exitCode() == 0 && !result.output().isBlank()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing listens on " + (udp ? "UDP" : "TCP") + " port " + port + " in " + ns + " after 20 s");
    }

    /** The namespaces this lab made and has not yet deleted. */
    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Whether namespace {@code name} exists on this machine. */
    public static boolean exists(String name) throws IOException, InterruptedException {
        return existing().contains(name);
    }

    /**
     * Stops the lab's threads and processes, kills whatever else still runs inside its
     * namespaces and deletes them (and with them their veth ends and bridges). Every step is
     * tried; the first failure is thrown at the end. Safe after a partial set-up and twice.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        OPEN.remove(this);
        synchronized (threads) {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                thread.join(5_000);
            }
            threads.clear();
        }
        synchronized (processes) {
            for (Process process : processes) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            processes.clear();
        }
        IOException failure = null;
        for (String ns : List.copyOf(namespaces)) {
            try {
                delete(ns);
                namespaces.remove(ns);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | InterruptedException e) {
            System.err.println("netns lab " + prefix + "*: clean-up failed: " + e.getMessage());
        }
    }

    /**
     * Deletes namespaces named {@code hnf-t-<pid>-<run>-...} whose JVM is no longer running (or,
     * for a recycled pid that is this JVM's, whose run token is not this run's); namespaces of
     * test JVMs still running are left alone. Returns the names deleted.
     */
    public static List<String> removeStale() throws IOException, InterruptedException {
        List<String> removed = new ArrayList<>();
        for (String name : existing()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = name.substring(PREFIX.length()).split("-", 3);
            long pid;
            try {
                pid = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            boolean ownerAlive = pid == PID ? parts.length > 1 && parts[1].equals(RUN) : ProcessHandle.of(pid).isPresent();
            if (!ownerAlive) {
                delete(name);
                removed.add(name);
            }
        }
        return removed;
    }

    /** Kills what runs inside {@code ns} (its namespace would outlive the deletion otherwise), then deletes it. */
    private static void delete(String ns) throws IOException, InterruptedException {
        Result pids = exec(10, "ip", "netns", "pids", ns);
        if (pids.exitCode() == 0) {
            for (String pid : pids.output().split("\\s+")) {
                if (!pid.isBlank() && Long.parseLong(pid) != PID) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        run("ip", "netns", "del", ns);
    }

    private static List<String> existing() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim().split(" ")[0]);
            }
        }
        return names;
    }

    private static String[] inside(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full.toArray(new String[0]);
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
                throw new IOException("setns(" + handle + ", CLONE_NEWNET): " + sys.describe(Native.getLastError()));
            }
        } finally {
            sys.close(fd);
        }
    }

    /** Runs a command to its end; it must exit 0 (the exception carries its output). */
    public static String run(String... command) throws IOException, InterruptedException {
        Result result = exec(30, command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.output().trim());
        }
        return result.output();
    }

    /** Runs a command to its end (killed after {@code timeoutSeconds}: exit code -1), whatever its exit code. */
    public static Result exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteCollector output = new ByteCollector(process);
        output.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command), millisSince(start));
        }
        output.join(5_000);
        return new Result(process.exitValue(), output.text(), millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String randomToken() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * Drains a child's output on its own thread, so that a chatty command cannot fill the pipe
     * and block while this thread waits for it with a timeout.
     */
    private static final class ByteCollector extends Thread {
        private final Process process;
        private volatile String text = "";

        ByteCollector(Process process) {
            super("netns-output");
            this.process = process;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "(output unreadable: " + e.getMessage() + ")";
            }
        }

        String text() {
            return text;
        }
    }
}
