package io.hypernf.sdk.port.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The namespace helper's promise that no namespace leaks: names are unique, a failing test's lab
 * is still deleted, and namespaces of a killed run are removed while a live run's are kept
 * (root only; CI is root).
 */
class NetnsLabTest {

    @BeforeAll
    static void needsRoot() throws Exception {
        NetnsLab.assumeRoot("the namespace helper test", "ethtool");
    }

    @Test
    void twoLabsNeverShareANameAndAVethPairJoinsTheirNamespaces() throws Exception {
        try (NetnsLab first = NetnsLab.create(); NetnsLab second = NetnsLab.create()) {
            String a = first.add("x");
            String b = second.add("x");
            assertThat(a).startsWith(NetnsLab.PREFIX).isNotEqualTo(b);
            first.veth(a, "left", b, "right");
            assertThat(first.in(a, "ip", "-o", "link", "show", "left")).contains("state UP").contains("link-netns");
            assertThat(second.in(b, "ethtool", "-k", "right")).contains("tcp-segmentation-offload: off");
            assertThat(NetnsLab.run("ip", "netns", "exec", b, "sysctl", "-n", "net.ipv6.conf.right.disable_ipv6").trim()).isEqualTo("1");
        }
    }

    @Test
    void aFailingTestStillDeletesItsNamespacesAndProcesses() throws Exception {
        String[] made = new String[1];
        Process[] sleeper = new Process[1];
        assertThatThrownBy(() -> {
            try (NetnsLab lab = NetnsLab.create()) {
                made[0] = lab.add("doomed");
                sleeper[0] = lab.background(made[0], Path.of("/dev/null"), "sleep", "60");
                throw new IllegalStateException("the test failed here");
            }
        }).hasMessage("the test failed here");
        assertThat(NetnsLab.exists(made[0])).isFalse();
        assertThat(sleeper[0].waitFor(5, TimeUnit.SECONDS)).as("the background process was stopped").isTrue();
    }

    @Test
    void aKilledRunsNamespacesAreRemovedWithTheirProcessesAndALiveRunsAreKept() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor(5, TimeUnit.SECONDS);
        Process alive = new ProcessBuilder("sleep", "60").start();
        String stale = NetnsLab.PREFIX + exited.pid() + "-0a0b0c-1-killed";
        String live = NetnsLab.PREFIX + alive.pid() + "-0d0e0f-1-running";
        Process leftBehind = null;
        try {
            NetnsLab.run("ip", "netns", "add", stale);
            NetnsLab.run("ip", "netns", "add", live);
            leftBehind = new ProcessBuilder("ip", "netns", "exec", stale, "sleep", "60").start();
            waitUntilInside(stale);

            List<String> removed = NetnsLab.removeStale();

            assertThat(removed).contains(stale).doesNotContain(live);
            assertThat(NetnsLab.exists(stale)).isFalse();
            assertThat(NetnsLab.exists(live)).as("a running JVM's namespace is not touched").isTrue();
            assertThat(leftBehind.waitFor(5, TimeUnit.SECONDS)).as("the process left inside was killed").isTrue();
        } finally {
            if (leftBehind != null) {
                leftBehind.destroyForcibly();
            }
            alive.destroyForcibly();
            NetnsLab.exec(30, "ip", "netns", "del", stale);
            NetnsLab.exec(30, "ip", "netns", "del", live);
        }
    }

    private static void waitUntilInside(String ns) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!NetnsLab.exec(10, "ip", "netns", "pids", ns).output().isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the sleep never showed up inside " + ns);
    }
}
