package io.hypernf.nf.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.cli.CliContext;
import io.hypernf.sdk.cli.ExitCodes;
import io.hypernf.sdk.cli.HypernfCommand;
import io.hypernf.sdk.nf.DefaultPortOpener;
import io.hypernf.sdk.nf.NfBindings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hypernf demo} end to end, in-process, with the NFs found through ServiceLoader as in the
 * packaged jar: the summary's numbers match the sample's frames (every frame in, runts dropped by
 * the forwarder, the rest out), and output.pcap holds exactly the forwarded frames.
 */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theDemoForwardsTheSampleAndReportsWhatEachNfDid() throws Exception {
        List<byte[]> sample = SamplePcapGenerator.frames();
        long runts = sample.stream().filter(f -> f.length < 14).count();
        long forwarded = sample.size() - runts;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(NfBindings.pluginModules(DemoTest.class.getClassLoader()), new DefaultPortOpener(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exit = HypernfCommand.execute(context, "demo", "--dir", dir.toString());
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        assertThat(report).contains("hypernf: end of input")
                .containsPattern("in +pcap:\\S+ rx " + sample.size() + " pkts")
                .containsPattern("fwd +forward +in " + sample.size() + " pkts .*, out " + forwarded + " pkts")
                .contains("forward/runt=" + runts)
                .contains("output: " + dir.resolve("output.pcap"));
        assertThat(records(dir.resolve("output.pcap"))).isEqualTo(forwarded);
    }

    private static long records(Path pcap) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        long n = 0;
        while (b.remaining() >= 16) {
            b.position(b.position() + 8);
            int captured = b.getInt();
            b.position(b.position() + 4 + captured);
            n++;
        }
        return n;
    }
}
