package dev.castore.cli.command;

import dev.castore.api.spi.Access;
import dev.castore.cli.CliContext;
import dev.castore.cli.StoreSelection;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that works on the stores its store options ({@code --store}, {@code --config},
 * {@code --blob-service}, {@code --directory-service}, the environment behind them) select.
 */
abstract class StoreCommand implements Callable<Integer> {

    final CliContext context;

    @Mixin
    StoreOptions stores;

    StoreCommand(CliContext context) {
        this.context = context;
    }

    /** The selected stores, opened (nothing is built until a service is asked for); the caller closes them. */
    StoreSelection.OpenStores openStores() throws IOException {
        return stores.selection(context.env()).open(context);
    }

    /**
     * The selected stores opened for a command that writes nothing through them: the embedded
     * store is then opened read-only, sharing the store with other readers (never with a writer),
     * and sees it as it was when opened.
     */
    StoreSelection.OpenStores openStoresForReading() throws IOException {
        StoreSelection selection = stores.selection(context.env());
        if (selection.equals(StoreSelection.embeddedDefault())) {
            // Opened the same way while the command line was parsed, when it could be.
            Optional<StoreSelection.OpenStores> ahead = context.takeOpenedAhead();
            if (ahead.isPresent()) {
                return ahead.get();
            }
        }
        return selection.open(context, Access.READ_ONLY);
    }
}
