package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.ChainConfig;
import io.hypernf.sdk.nf.ChainConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypernf demo}: runs the bundled chain ({@code demo/chain.yaml} on the class path, shipped
 * by nf-examples) over the bundled traffic ({@code demo/sample.pcap}), writes what leaves the
 * chain to a pcap in a fresh directory, and prints the summary: what each NF did. New example NFs
 * join the demo by editing the YAML.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the example NFs as a chain over bundled sample traffic and show what each did.",
        footer = ExitCodes.HELP)
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG = "demo/chain.yaml";
    static final String SAMPLE = "demo/sample.pcap";

    private final CliContext context;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to put the input copy and output.pcap (default: a new temp dir)")
    Path dir;

    DemoCommand(CliContext context) { this.context = context; }

    @Override
    public Integer call() throws IOException {
        ClassLoader loader = DemoCommand.class.getClassLoader();
        String yaml;
        try (InputStream config = loader.getResourceAsStream(CONFIG); InputStream sample = loader.getResourceAsStream(SAMPLE)) {
            if (config == null || sample == null) {
                context.err().println("hypernf: error: the demo files (" + CONFIG + ", " + SAMPLE
                        + ") are not on the class path; run the packaged jar (./hypernf demo)");
                return ExitCodes.RUNTIME_ERROR;
            }
            yaml = new String(config.readAllBytes(), StandardCharsets.UTF_8);
            Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hypernf-demo-");
            dir = where;
            Files.copy(sample, where.resolve("sample.pcap"), StandardCopyOption.REPLACE_EXISTING);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path input = dir.resolve("sample.pcap");
        Path output = dir.resolve("output.pcap");
        Files.deleteIfExists(output);
        ChainConfig chain = ChainConfigLoader.parse(CONFIG, yaml, Map.of("input", input.toString(), "output", output.toString()));
        context.out().println("hypernf demo: " + chain.nfs().size() + " NF(s) over " + input);
        for (ChainConfig.Wire wire : chain.wires()) {
            context.out().println("  " + wire.nf() + "." + wire.nfPort() + " <-> " + wire.target()
                    + (wire.toNf() ? "." + wire.targetPort() : ""));
        }
        int exit = ChainRunner.run(context, chain, false);
        context.out().println("output: " + output);
        return exit;
    }
}
