package io.hypernf.sdk.cli;

/**
 * Exit codes of {@code hypernf}, for scripts (also printed by {@code --help}). The signal codes
 * follow the shell's 128 + signal number convention.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** The run finished: end of input, or stopped on request without error. */
    public static final int OK = 0;
    /** Something failed while running: a port could not be opened or failed, an internal error. */
    public static final int RUNTIME_ERROR = 1;
    /** Bad command line or bad config (the message names file, line and key). */
    public static final int USAGE = 2;
    /** Stopped by SIGINT (Ctrl-C) after flushing TX and closing the ports. */
    public static final int SIGINT = 130;
    /** Stopped by SIGTERM after flushing TX and closing the ports. */
    public static final int SIGTERM = 143;

    static final String HELP = "%nExit codes: 0 ok, 1 runtime error, 2 usage or config error, "
            + "130 stopped by SIGINT, 143 stopped by SIGTERM (TX flushed and ports closed in both cases).";
}
