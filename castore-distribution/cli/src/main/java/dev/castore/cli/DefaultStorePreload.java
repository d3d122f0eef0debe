package dev.castore.cli;

import dev.castore.api.spi.Access;
import dev.castore.api.spi.ServiceKind;
import dev.castore.cli.command.StoreOptions;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the embedded default store's plugin (its index entry, module layer and provider) on a
 * second thread while the main one builds the command's model, for a command line that will open
 * the default store: a third of a short command's start was spent on each in turn (BENCHMARKS.md,
 * "Start-up next to restic and borg"). For a command that only reads an existing default store,
 * the same thread then opens it read-only, as the command would, and hands it over through the
 * {@link CliContext}; the command waits for what is left of that open instead of opening the
 * store after its command line is parsed. Nothing is decided here: the command asks the
 * {@link CliContext} for the same registry and stores, and opens them again itself, reporting
 * any failure, when the open ahead failed.
 */
final class DefaultStorePreload {

    /** The commands that open the default store when no store is chosen. */
    private static final Set<String> COMMANDS = Set.of("ls", "stat", "cat", "export", "import");

    /** Those of them that only read it: they open it read-only, which writes nothing to it. */
    private static final Set<String> READERS = Set.of("ls", "stat", "cat", "export");

    /** The options that choose a store or the plugins; with any of them the default may not be used. */
    private static final String[] CHOICES = {"-s", "--store", "--config", "--blob-service", "--directory-service",
        "--plugins"};

    /** The options that print help and open nothing. */
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    private DefaultStorePreload() {}

    /**
     * Starts loading the default store's plugin when {@code args} will open the default store,
     * and opening the store when they will only read one that exists.
     */
    static void startFor(String[] args, CliContext context) {
        if (!opensDefaultStore(args, context.env())) {
            return;
        }
        CompletableFuture<Optional<StoreSelection.OpenStores>> ahead = null;
        if (readsExistingDefaultStore(args, context.env())) {
            ahead = new CompletableFuture<>();
            context.openingAhead(ahead);
        }
        CompletableFuture<Optional<StoreSelection.OpenStores>> stores = ahead;
        Thread.ofPlatform().daemon().name("castore-preload").start(() -> {
            try {
                context.registry().lookup(ServiceKind.BLOB, DataHome.TYPE);
            } catch (RuntimeException e) {
                // The command looks the type up again and reports what went wrong.
            }
            if (stores != null) {
                Optional<StoreSelection.OpenStores> open = Optional.empty();
                try {
                    open = openReadOnly(context);
                } finally {
                    stores.complete(open);
                }
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
        return command(args).filter(COMMANDS::contains).isPresent();
    }

    /**
     * Whether the command line (one that {@link #opensDefaultStore opens the default store}) only
     * reads it, asks for no help, traces nothing, and the store exists: opening it read-only then
     * writes nothing and takes only the readers' shared lock, whatever the command line turns out to be.
     */
    static boolean readsExistingDefaultStore(String[] args, Map<String, String> env) {
        return command(args).filter(READERS::contains).isPresent()
                && Arrays.stream(args).noneMatch(HELP::contains)
                && ProcessTelemetry.otlpEndpoint(Optional.empty(), env).isEmpty()
                && Files.isRegularFile(DataHome.storeDirectory(DataHome.directory(env)).resolve("CURRENT"));
    }

    private static Optional<String> command(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
    }

    /** The default store opened read-only, its directory service built; empty when anything failed. */
    private static Optional<StoreSelection.OpenStores> openReadOnly(CliContext context) {
        StoreSelection.OpenStores open;
        try {
            open = StoreSelection.embeddedDefault().open(context, Access.READ_ONLY);
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
        try {
            open.directories();
            return Optional.of(open);
        } catch (Exception | LinkageError e) {
            try {
                open.close();
            } catch (Exception | LinkageError closing) {
                e.addSuppressed(closing);
            }
            return Optional.empty();
        }
    }
}
