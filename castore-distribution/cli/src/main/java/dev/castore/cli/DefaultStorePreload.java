package dev.castore.cli;

import dev.castore.api.spi.ServiceKind;
import dev.castore.cli.command.StoreOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Loads the embedded default store's plugin (its index entry, module layer and provider) on a
 * second thread while the main one builds the command's model, for a command line that will open
 * the default store: a third of a short command's start was spent on each in turn (BENCHMARKS.md,
 * "Start-up next to restic and borg"). Nothing is decided here: the command asks the
 * {@link CliContext} for the same registry, gets the one this loaded (or waits for it), and
 * reports any failure itself.
 */
final class DefaultStorePreload {

    /** The commands that open the default store when no store is chosen. */
    private static final Set<String> COMMANDS = Set.of("ls", "stat", "cat", "export", "import");

    /** The options that choose a store or the plugins; with any of them the default may not be used. */
    private static final String[] CHOICES = {"-s", "--store", "--config", "--blob-service", "--directory-service",
        "--plugins"};

    private DefaultStorePreload() {}

    /** Starts loading the default store's plugin when {@code args} will open the default store. */
    static void startFor(String[] args, CliContext context) {
        if (!opensDefaultStore(args, context.env())) {
            return;
        }
        Thread.ofPlatform().daemon().name("castore-preload").start(() -> {
            try {
                context.registry().lookup(ServiceKind.BLOB, DataHome.TYPE);
            } catch (RuntimeException e) {
                // The command looks the type up again and reports what went wrong.
            }
        });
    }

    /** Whether the command line names a command that opens the default store and chooses no other. */
    static boolean opensDefaultStore(String[] args, Map<String, String> env) {
        if (Arrays.stream(args).anyMatch(a -> Arrays.stream(CHOICES).anyMatch(a::startsWith))) {
            return false;
        }
        StoreSelection fromEnv = StoreOptions.fromEnvironment(env);
        if (fromEnv.config().isPresent() || fromEnv.blobService().isPresent() || fromEnv.directoryService().isPresent()) {
            return false;
        }
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().filter(COMMANDS::contains).isPresent();
    }
}
