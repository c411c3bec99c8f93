package io.hypernf.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.DefaultPortOpener;
import io.hypernf.sdk.nf.TestPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HypernfCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int hypernf(String... args) {
        CliContext context = new CliContext(List.of(new TestPlugin().module()), new DefaultPortOpener(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return HypernfCommand.execute(context, args);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }
    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "list", "demo"})
    void everyCommandHasHelpWithTheExitCodes(String command) {
        int exit = command.isEmpty() ? hypernf("--help") : hypernf(command, "--help");
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Usage: hypernf").contains("Exit codes: 0 ok, 1 runtime error, 2 usage or config error, 130");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(hypernf()).isEqualTo(ExitCodes.USAGE);
        assertThat(hypernf("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(hypernf("run", "--batch", "lots", "cross")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void listShowsTheInstalledNfsAndPortSchemes() {
        assertThat(hypernf("list")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("coded ", "cross ", "test: every packet leaves by the other port", "pcap:PATH");
    }

    @Test
    void runNeedsEitherAConfigOrAnNf() {
        assertThat(hypernf("run")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("give either --config FILE or an NF type, not neither");
        assertThat(hypernf("run", "cross", "--config", "x.yaml")).isEqualTo(ExitCodes.USAGE);
        assertThat(hypernf("run", "cross")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("NF 'cross' needs its ports");
    }

    @Test
    void commandLineMistakesNameTheOption() throws Exception {
        Path in = dir.resolve("in.pcap");
        PcapFiles.write(in, PcapFiles.frames(3, '1'));
        assertThat(hypernf("run", "crosss", "--port", "a=pcap:" + in)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("hypernf: command line: NF 'crosss' is not a known NF; known: coded, cross");
        assertThat(hypernf("run", "coded", "--port", "p0=pcap:" + in, "--set", "mode=slow")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("command line: --set mode 'slow' is not accepted; accepted: fast, careful");
        assertThat(hypernf("run", "cross", "--port", "a=pcap:" + in)).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("port 'b' of NF 'cross' is not wired; add --port b=URI");
        assertThat(hypernf("run", "cross", "--port", "a=pcap:" + in, "--port", "b=tap:x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("command line: --port b 'tap:x' is not a usable port URI");
    }

    @Test
    void aBadConfigFileIsAUsageErrorNamingFileAndLine() throws Exception {
        Path config = dir.resolve("chain.yaml");
        Files.writeString(config, "nfs:\n  - name: x\n    type: firewal\nchain: {}\n");
        assertThat(hypernf("run", "--config", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains(config + ":3: nfs[0].type 'firewal' is not a known NF; known: coded, cross");
    }

    @Test
    void aPortThatCannotBeOpenedIsARuntimeError() {
        assertThat(hypernf("run", "cross", "--port", "a=pcap:" + dir.resolve("missing.pcap"), "--port",
                "b=pcap:" + dir.resolve("out.pcap") + "?mode=write")).isEqualTo(ExitCodes.RUNTIME_ERROR);
        assertThat(err()).contains("hypernf: error: command line: port 'a'").contains("cannot be opened");
    }

    @Test
    void oneNfRunsOverPcapFilesToTheEndOfInput() throws Exception {
        Path in = dir.resolve("in.pcap");
        Path outFile = dir.resolve("out.pcap");
        List<byte[]> frames = PcapFiles.frames(20, '1');
        frames.addAll(PcapFiles.frames(5, 'D'));
        PcapFiles.write(in, frames);
        int exit = hypernf("run", "coded", "--port", "p0=pcap:" + in, "--port", "p1=pcap:" + outFile + "?mode=write", "--no-stats");
        assertThat(exit).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(PcapFiles.read(outFile)).hasSize(20);
        assertThat(out()).contains("hypernf: end of input").contains("in 25 pkts").contains("out 20 pkts").contains("coded/bad-frame=5");
    }

    @Test
    void aConfigRunsTheSameWay() throws Exception {
        Path in = dir.resolve("in.pcap");
        PcapFiles.write(in, PcapFiles.frames(7, '1'));
        Path config = dir.resolve("chain.yaml");
        Files.writeString(config, String.join("\n",
                "ports: {in: 'pcap:${dir}/in.pcap', out: 'pcap:${dir}/out.pcap?mode=write'}",
                "nfs:",
                "  - {name: one, type: cross}",
                "  - {name: two, type: coded}",
                "chain: {one.a: in, one.b: two.p0, two.p1: out}",
                ""));
        assertThat(hypernf("run", "--config", config.toString(), "--var", "dir=" + dir, "--idle", "yield", "--batch", "3"))
                .as(err()).isEqualTo(ExitCodes.OK);
        assertThat(PcapFiles.read(dir.resolve("out.pcap"))).hasSize(7);
        assertThat(out()).contains("one ").contains("two ");
    }

    @Test
    void theDemoNeedsItsFilesOnTheClassPath() {
        assertThat(hypernf("demo")).isEqualTo(ExitCodes.RUNTIME_ERROR);
        assertThat(err()).contains("demo/chain.yaml");
    }
}
