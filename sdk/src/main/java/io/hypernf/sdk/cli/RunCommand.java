package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.ChainConfig;
import io.hypernf.sdk.nf.ChainConfigLoader;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hypernf run}: a chain from a YAML config, or one NF on ports given on the command line
 * (each NF port named by {@code --port} is bound to that URI; {@code --set} gives its settings).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a chain of NFs from a config, or one NF on ports given here.",
            "  hypernf run --config chain.yaml",
            "  hypernf run forward --port in=pcap:a.pcap --port out=pcap:b.pcap?mode=write",
            "                      --set mode=mac-swap"},
        footer = ExitCodes.HELP)
final class RunCommand implements Callable<Integer> {
    private static final String COMMAND_LINE = ChainConfig.COMMAND_LINE;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NF", description = "NF type to run alone (see hypernf list)")
    String nfType;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "chain config (YAML)")
    Path config;

    @Option(names = {"-p", "--port"}, paramLabel = "NAME=URI", description = "bind NF port NAME to a port URI (with NF)")
    Map<String, String> ports = new LinkedHashMap<>();

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "an NF setting (with NF)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a value for $${NAME} in the config")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--batch", paramLabel = "N", description = "packets per RX pass, 1..4096 (overrides the config)")
    Integer batch;

    @Option(names = "--idle", paramLabel = "MODE", description = "spin, yield or block (overrides the config)")
    String idle;

    @Option(names = "--no-stats", description = "no live statistics line on stderr")
    boolean noStats;

    RunCommand(CliContext context) { this.context = context; }

    @Override
    public Integer call() {
        if ((config == null) == (nfType == null)) {
            throw new ParameterException(spec.commandLine(), "give either --config FILE or an NF type, not " + (config == null ? "neither" : "both"));
        }
        ChainConfig chain;
        if (config != null) {
            if (!ports.isEmpty() || !settings.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--port and --set go with an NF type; a config names its ports and settings");
            }
            chain = ChainConfigLoader.load(config, variables);
        } else {
            if (ports.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "NF '" + nfType + "' needs its ports: --port NAME=URI for each");
            }
            chain = singleNf();
        }
        return ChainRunner.run(context, withOverrides(chain), !noStats);
    }

    private ChainConfig singleNf() {
        List<ChainConfig.PortSpec> portSpecs = new ArrayList<>();
        List<ChainConfig.Wire> wires = new ArrayList<>();
        for (Map.Entry<String, String> e : ports.entrySet()) {
            ConfigLocation at = new ConfigLocation(COMMAND_LINE, 0, "--port " + e.getKey());
            portSpecs.add(new ChainConfig.PortSpec(e.getKey(), e.getValue(), at));
            wires.add(new ChainConfig.Wire(nfType, e.getKey(), e.getKey(), null, at));
        }
        Map<String, Object> values = new LinkedHashMap<>(settings);
        Map<String, ConfigLocation> locations = new LinkedHashMap<>();
        settings.keySet().forEach(k -> locations.put(k, new ConfigLocation(COMMAND_LINE, 0, "--set " + k)));
        NfSettings nfSettings = new NfSettings(new ConfigLocation(COMMAND_LINE, 0, "--set"), values, locations);
        ConfigLocation nfAt = new ConfigLocation(COMMAND_LINE, 0, "NF");
        return new ChainConfig(COMMAND_LINE, portSpecs, List.of(new ChainConfig.NfSpec(nfType, nfType, nfAt, nfAt, nfSettings)),
                wires, RunOptions.defaults());
    }

    private ChainConfig withOverrides(ChainConfig chain) {
        RunOptions run = chain.run();
        int newBatch = run.batch();
        if (batch != null) {
            if (batch < 1 || batch > RunOptions.MAX_BATCH) {
                throw new ParameterException(spec.commandLine(), "--batch " + batch + " is outside [1, " + RunOptions.MAX_BATCH + "]");
            }
            newBatch = batch;
        }
        IdleMode newIdle = run.idle();
        if (idle != null) {
            try {
                newIdle = IdleMode.valueOf(idle.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--idle '" + idle + "' is not accepted; accepted: spin, yield, block");
            }
        }
        return new ChainConfig(chain.source(), chain.ports(), chain.nfs(), chain.wires(), new RunOptions(newBatch, newIdle, run.drainMillis()));
    }
}
