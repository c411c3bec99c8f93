package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.DefaultPortOpener;
import io.hypernf.sdk.nf.NfBindings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hypernf} command. Roadmap: {@link #main} finds the NF plugins with
 * {@link java.util.ServiceLoader} ({@link NfBindings#pluginModules}) and the port schemes
 * ({@link DefaultPortOpener}), then picocli dispatches to {@link RunCommand} (a config or one NF),
 * {@link ListCommand} or {@link DemoCommand}; {@link ChainRunner} runs a chain with
 * {@link SignalStop}, {@link StatsLine} and {@link Summary}; {@link Errors} maps failures to the
 * {@link ExitCodes}.
 */
@Command(name = "hypernf", mixinStandardHelpOptions = true, version = "hypernf 0.1.0",
        description = "Run HyperNF network functions over netmap, pcap, afpacket and in-process ports.",
        footer = ExitCodes.HELP)
public final class HypernfCommand implements Callable<Integer> {
    private final CliContext context;

    HypernfCommand(CliContext context) { this.context = context; }

    @Override
    public Integer call() {
        context.err().println("hypernf: a command is needed: run, list or demo (hypernf --help)");
        return ExitCodes.USAGE;
    }

    /** Parses {@code args}, runs the command and returns its exit code; never calls System.exit. */
    public static int execute(CliContext context, String... args) {
        CommandLine line = new CommandLine(new HypernfCommand(context));
        line.addSubcommand("run", new RunCommand(context));
        line.addSubcommand("list", new ListCommand(context));
        line.addSubcommand("demo", new DemoCommand(context));
        line.setOut(new java.io.PrintWriter(context.out(), true));
        line.setErr(new java.io.PrintWriter(context.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(Errors.handler(context.err()));
        return line.execute(args);
    }

    public static void main(String[] args) {
        CliContext context = new CliContext(NfBindings.pluginModules(HypernfCommand.class.getClassLoader()),
                new DefaultPortOpener(), System.out, System.err, true);
        System.exit(execute(context, args));
    }
}
