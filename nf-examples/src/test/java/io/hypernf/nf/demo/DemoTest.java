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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hypernf demo} end to end, in-process, with the NFs found through ServiceLoader as in the
 * packaged jar, whatever NFs the demo chain holds: the first NF gets every frame of the sample,
 * each NF accounts for every packet (in + emitted = out + consumed + dropped), each NF gets what
 * the previous one sent on, and output.pcap holds exactly what left the last NF.
 */
class DemoTest {
    /** A summary line of one NF: name, type, in, out, consumed, emitted, dropped. */
    private static final Pattern NF_ROW = Pattern.compile(
            "(?m)^  (\\S+) +(\\S+) +in (\\d+) pkts \\d+ B, out (\\d+) pkts \\d+ B, consumed (\\d+), emitted (\\d+), dropped (\\d+)");

    @TempDir
    Path dir;

    @Test
    void theDemoRunsTheChainOverTheSampleAndReportsWhatEachNfDid() throws Exception {
        List<byte[]> sample = SamplePcapGenerator.frames();
        long runts = sample.stream().filter(f -> f.length < 14).count();

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
                .contains("output: " + dir.resolve("output.pcap"));

        Matcher row = NF_ROW.matcher(report);
        List<long[]> nfs = new ArrayList<>();
        List<String> types = new ArrayList<>();
        while (row.find()) {
            types.add(row.group(2));
            nfs.add(new long[] {Long.parseLong(row.group(3)), Long.parseLong(row.group(4)), Long.parseLong(row.group(5)),
                Long.parseLong(row.group(6)), Long.parseLong(row.group(7))});
        }
        assertThat(types).as("the demo chain runs the forwarder").contains("forward");
        assertThat(nfs.get(0)[0]).as("the first NF got every frame of the sample").isEqualTo(sample.size());
        long dropped = 0;
        for (int i = 0; i < nfs.size(); i++) {
            long[] c = nfs.get(i);
            assertThat(c[0] + c[3]).as("NF %d: in + emitted = out + consumed + dropped", i).isEqualTo(c[1] + c[2] + c[4]);
            if (i > 0) {
                assertThat(c[0]).as("NF %d gets what NF %d sent on", i, i - 1).isEqualTo(nfs.get(i - 1)[1]);
            }
            dropped += c[4];
        }
        assertThat(dropped).as("at least the runts were dropped").isGreaterThanOrEqualTo(runts);
        long leftTheChain = nfs.get(nfs.size() - 1)[1];
        assertThat(report).containsPattern("out +pcap:\\S+ rx 0 pkts 0 B, tx " + leftTheChain + " pkts");
        assertThat(records(dir.resolve("output.pcap"))).isEqualTo(leftTheChain);
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
