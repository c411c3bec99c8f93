package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.NfCatalog;
import io.hypernf.sdk.nf.PortOpener;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hypernf list}: the NF types the installed plugins provide, and the port schemes. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the known NF types and port URI schemes.",
        footer = ExitCodes.HELP)
final class ListCommand implements Callable<Integer> {
    private final CliContext context;

    ListCommand(CliContext context) { this.context = context; }

    @Override
    public Integer call() {
        var injector = context.injector();
        NfCatalog catalog = Errors.unwrapGuice(() -> injector.getInstance(NfCatalog.class));
        context.out().println("NF types:");
        if (catalog.types().isEmpty()) {
            context.out().println("  (none installed)");
        }
        for (String type : catalog.types()) {
            context.out().printf("  %-10s %s%n", type, catalog.factory(type).description());
        }
        context.out().println("port schemes:");
        for (String scheme : injector.getInstance(PortOpener.class).schemes()) {
            context.out().println("  " + scheme);
        }
        return ExitCodes.OK;
    }
}
