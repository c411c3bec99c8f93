package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.DefaultPortOpener;
import io.hypernf.sdk.nf.TestPlugin;
import java.util.List;

/** {@code hypernf} with the test NFs, for tests that run the command in a child JVM (signals). */
public final class CliTestMain {
    private CliTestMain() {}

    public static void main(String[] args) {
        CliContext context = new CliContext(List.of(new TestPlugin().module()), new DefaultPortOpener(), System.out, System.err, true);
        System.exit(HypernfCommand.execute(context, args));
    }
}
