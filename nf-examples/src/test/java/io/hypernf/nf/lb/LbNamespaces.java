package io.hypernf.nf.lb;

import com.sun.jna.Native;
import io.hypernf.sdk.port.os.LinuxSyscalls;
import io.hypernf.sdk.port.os.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The LB's real-traffic lab, all in namespaces this test makes and deletes:
 * <pre>
 *  [client] c0 ==veth== lc [lb] ls ==veth== sl [switch: br0] sN ==veth== bN [backend N]  (N = 1..count)
 *  10.88.0.1                                                              10.88.1.1N
 *  VIP 10.88.0.100 (static neighbour -> lc's MAC)        LB address 10.88.1.1 (static neighbour -> ls's MAC)
 * </pre>
 * The LB NF runs in this JVM on {@code afpacket:} sockets opened inside [lb]; the switch is a
 * Linux bridge so several backend namespaces share the LB's one server port. Offloads are off on
 * every end (AF_PACKET would see GSO super-frames and partial checksums otherwise) and IPv6 is off.
 */
final class LbNamespaces implements AutoCloseable {
    /** setns(2), through JNA: a thread's network namespace is its own. */
    static final class SetNs {
        static {
            Native.register(SetNs.class, "c");
        }

        static native int setns(int fd, int nstype);
    }

    private static final int CLONE_NEWNET = 0x40000000;
    static final String CLIENT_IP = "10.88.0.1";
    static final String VIP = "10.88.0.100";
    static final String LB_ADDRESS = "10.88.1.1";
    static final String LB_CLIENT_MAC = "02:88:00:00:00:01";
    static final String LB_SERVER_MAC = "02:88:00:00:00:02";

    final String tag;
    final String client;
    final String lb;
    final String sw;
    final List<String> backends = new ArrayList<>();
    private final List<String> made = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private LbNamespaces(String tag) {
        this.tag = tag;
        this.client = "hnf-lb" + tag + "-c";
        this.lb = "hnf-lb" + tag + "-l";
        this.sw = "hnf-lb" + tag + "-s";
    }

    static String backendIp(int n) { return "10.88.1.1" + n; }
    static String backendMac(int n) { return "02:88:00:00:01:0" + n; }

    static void assumeRootWithTools() throws Exception {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid),
                "lb namespace test needs root (namespaces, veth, AF_PACKET); uid is " + uid + ", so skipped");
        for (String tool : List.of("ip", "ethtool", "python3")) {
            if (exec(10, "sh", "-c", "command -v " + tool).exit != 0) {
                throw new AssertionError(tool + " is missing: run scripts/ensure-deps.sh as root");
            }
        }
    }

    static LbNamespaces create(int backendCount) throws Exception {
        LbNamespaces lab = new LbNamespaces(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        try {
            lab.build(backendCount);
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    private void build(int count) throws Exception {
        for (String ns : List.of(client, lb, sw)) {
            must("ip", "netns", "add", ns);
            made.add(ns);
        }
        must("ip", "-n", lb, "link", "add", "lc", "address", LB_CLIENT_MAC, "type", "veth", "peer", "name", "c0", "netns", client);
        must("ip", "-n", lb, "link", "add", "ls", "address", LB_SERVER_MAC, "type", "veth", "peer", "name", "sl", "netns", sw);
        must("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
        must("ip", "-n", sw, "link", "set", "br0", "up");
        must("ip", "-n", sw, "link", "set", "sl", "master", "br0");
        for (String[] end : new String[][] {{client, "c0"}, {lb, "lc"}, {lb, "ls"}, {sw, "sl"}}) {
            up(end[0], end[1]);
        }
        must("ip", "-n", client, "addr", "add", CLIENT_IP + "/24", "dev", "c0");
        must("ip", "-n", client, "neigh", "add", VIP, "lladdr", LB_CLIENT_MAC, "dev", "c0", "nud", "permanent");
        for (int n = 1; n <= count; n++) {
            String ns = "hnf-lb" + tag + "-b" + n;
            must("ip", "netns", "add", ns);
            made.add(ns);
            backends.add(ns);
            must("ip", "-n", sw, "link", "add", "s" + n, "type", "veth", "peer", "name", "b" + n, "netns", ns);
            must("ip", "-n", sw, "link", "set", "s" + n, "master", "br0");
            up(sw, "s" + n);
            must("ip", "-n", ns, "link", "set", "b" + n, "address", backendMac(n));
            up(ns, "b" + n);
            must("ip", "-n", ns, "link", "set", "lo", "up");
            must("ip", "-n", ns, "addr", "add", backendIp(n) + "/24", "dev", "b" + n);
            must("ip", "-n", ns, "neigh", "add", LB_ADDRESS, "lladdr", LB_SERVER_MAC, "dev", "b" + n, "nud", "permanent");
        }
    }

    private void up(String ns, String end) throws Exception {
        must("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
        exec(10, "ip", "netns", "exec", ns, "ethtool", "-K", end, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro", "off");
        must("ip", "-n", ns, "link", "set", end, "up");
    }

    /** Runs {@code action} on a new thread that has joined {@code ns}; sockets it opens live there. */
    <T> T in(String ns, Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            Syscalls sys = LinuxSyscalls.INSTANCE;
            String path = "/var/run/netns/" + ns;
            int fd = sys.open(path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + path + ": " + sys.describe(sys.errno()));
            }
            try {
                if (SetNs.setns(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("setns " + path + ": " + sys.describe(Native.getLastError()));
                }
            } finally {
                sys.close(fd);
            }
            return action.call();
        });
        new Thread(task, "in-" + ns).start();
        try {
            return task.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Starts {@code command} in {@code ns} in the background (killed on close), output to {@code log}. */
    void background(String ns, Path log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        processes.add(new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    record Result(int exit, String output) {}

    static Result exec(int timeoutSeconds, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void must(String... command) throws Exception {
        Result r = exec(30, command);
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.exit + "): " + r.output);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : made) {
            exec(30, "ip", "netns", "del", ns);
        }
    }
}
