package io.hypernf.sdk.cli;

import com.google.inject.Injector;
import io.hypernf.sdk.nf.ChainConfig;
import io.hypernf.sdk.nf.ChainModule;
import io.hypernf.sdk.nf.NfRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one chain config for {@code run} and {@code demo}: asks Guice for the runtime (the only
 * place instances come from the injector), runs it with signal handling and the live stats line,
 * closes the ports and prints the {@link Summary}. Returns the exit code.
 */
final class ChainRunner {
    private ChainRunner() {}

    static int run(CliContext context, ChainConfig config, boolean liveStats) {
        Injector injector = context.injector(new ChainModule(config));
        NfRuntime runtime = Errors.unwrapGuice(() -> injector.getInstance(NfRuntime.class));
        Map<String, String> types = new LinkedHashMap<>();
        config.nfs().forEach(nf -> types.put(nf.name(), nf.type()));
        long start = System.nanoTime();
        NfRuntime.StopCause cause;
        int signalExit = 0;
        try (SignalStop signals = context.handleSignals() ? SignalStop.install(runtime) : null;
             StatsLine stats = new StatsLine(runtime, context.err(), liveStats)) {
            cause = runtime.run();
            signalExit = signals == null ? 0 : signals.exitCode();
        } finally {
            runtime.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String ending = cause == NfRuntime.StopCause.END_OF_INPUT ? "end of input"
                : signalExit == ExitCodes.SIGINT ? "stopped by SIGINT" : signalExit == ExitCodes.SIGTERM ? "stopped by SIGTERM" : "stopped";
        Summary.print(context.out(), runtime, types, ending, seconds);
        return signalExit != 0 ? signalExit : ExitCodes.OK;
    }
}
