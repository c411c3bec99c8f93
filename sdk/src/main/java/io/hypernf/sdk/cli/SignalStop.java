package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.NfRuntime;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into {@link NfRuntime#stop()} for the length of a run, so the run
 * loop ends its pass, flushes TX and the ports get closed, instead of the JVM dying mid-pass
 * (a shutdown hook could not wait for the loop without racing the JVM's exit). The previous
 * handlers come back afterwards. {@code sun.misc.Signal} is the JDK's supported way to do this
 * (module jdk.unsupported, JEP 260). A run started with SIGINT ignored (nohup, a background job
 * of a script) keeps ignoring it, as Unix programs do — the JVM installs no handler for an
 * ignored signal — and SIGTERM still stops it.
 */
final class SignalStop implements AutoCloseable {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile int exitCode;

    private SignalStop(NfRuntime runtime) {
        SignalHandler handler = signal -> {
            exitCode = signal.getName().equals("INT") ? ExitCodes.SIGINT : ExitCodes.SIGTERM;
            runtime.stop();
        };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    static SignalStop install(NfRuntime runtime) { return new SignalStop(runtime); }

    /** 130 or 143 when a signal stopped the run, else 0. */
    int exitCode() { return exitCode; }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
