package io.hypernf.sdk.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import io.hypernf.sdk.nf.ConfigException;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Maps failures to messages and exit codes: config errors 2, everything else 1. */
final class Errors {
    private Errors() {}

    /** Runs {@code action}, replacing Guice's wrappers by the exception an NF or the config code threw. */
    static <T> T unwrapGuice(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProvisionException | CreationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** picocli's handler for exceptions thrown by commands. */
    static CommandLine.IExecutionExceptionHandler handler(PrintStream err) {
        return (e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                err.println("hypernf: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("hypernf: error: " + e.getMessage());
            if (Boolean.getBoolean("hypernf.debug")) {
                e.printStackTrace(err);
            }
            return ExitCodes.RUNTIME_ERROR;
        };
    }
}
