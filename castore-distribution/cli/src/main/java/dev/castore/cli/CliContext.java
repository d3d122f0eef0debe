package dev.castore.cli;

import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.composition.StoreRegistry;
import dev.castore.composition.plugin.KeyedProviders;
import dev.castore.composition.plugin.Listeners;
import dev.castore.composition.plugin.Plugins;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every command shares: the environment, the output streams, and the plugins, store registry
 * and listeners, each loaded once on first use.
 */
public final class CliContext {

    /** The system property the launcher sets to the image's plugins directory. */
    public static final String PLUGINS_PROPERTY = "castore.plugins";

    /** The environment variable that overrides the plugins directory. */
    public static final String PLUGINS_ENV = "CASTORE_PLUGINS";

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputStream rawOut;
    private final Loaded loaded;
    private Optional<Path> pluginsOption = Optional.empty();
    private volatile String command = "castore";
    /** The embedded default store opened ahead for this command line, until a command takes it. */
    private CompletableFuture<Optional<StoreSelection.OpenStores>> openedAhead;

    /** What is loaded once: shared by the contexts made from one with {@link #withStreams}. */
    private static final class Loaded {
        private Plugins plugins;
        private StoreRegistry registry;
        private Listeners listeners;
        private KeyedProviders<ArchiveImporterProvider> archiveImporters;
    }

    public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, OutputStream rawOut) {
        this(env, out, err, rawOut, new Loaded());
    }

    private CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, OutputStream rawOut, Loaded loaded) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.rawOut = rawOut;
        this.loaded = loaded;
    }

    /**
     * A context with another environment and other streams that shares this one's plugins, so
     * that commands run one after another in one JVM load each plugin once (a plugin's native
     * library can be loaded by one class loader only).
     */
    public CliContext withStreams(Map<String, String> env, PrintWriter out, PrintWriter err, OutputStream rawOut) {
        CliContext other = new CliContext(env, out, err, rawOut, loaded);
        other.pluginsOption = pluginsOption;
        return other;
    }

    /** The command that ran ({@code castore ls}), once it has; {@code castore} before, or when none did. */
    public String command() {
        return command;
    }

    void ran(String qualifiedName) {
        command = qualifiedName;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Text output (results). */
    public PrintWriter out() {
        return out;
    }

    /** Diagnostics and progress. */
    public PrintWriter err() {
        return err;
    }

    /** Byte output, for blob contents. */
    public OutputStream rawOut() {
        return rawOut;
    }

    void pluginsDirectory(Path dir) {
        this.pluginsOption = Optional.ofNullable(dir);
    }

    /** The plugins directory: --plugins, $CASTORE_PLUGINS, the image's, or none. */
    public Optional<Path> pluginsDirectory() {
        if (pluginsOption.isPresent()) {
            return pluginsOption;
        }
        String fromEnv = env.get(PLUGINS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        String fromLauncher = System.getProperty(PLUGINS_PROPERTY);
        if (fromLauncher != null && !fromLauncher.isBlank()) {
            return Optional.of(Path.of(fromLauncher));
        }
        Path inImage = Path.of(System.getProperty("java.home"), "plugins");
        return Files.isDirectory(inImage) ? Optional.of(inImage) : Optional.empty();
    }

    /**
     * Hands over the embedded default store that {@link DefaultStorePreload} opens read-only while
     * the command line is parsed: filled in with the open stores, or with nothing when that
     * failed (the command then opens the store itself and reports why it cannot).
     */
    synchronized void openingAhead(CompletableFuture<Optional<StoreSelection.OpenStores>> stores) {
        this.openedAhead = stores;
    }

    /**
     * The embedded default store opened read-only ahead of the command, once (waiting for the
     * open to end), for a command that reads the default store; empty when none was opened ahead
     * or the open failed. The caller closes it.
     */
    public Optional<StoreSelection.OpenStores> takeOpenedAhead() {
        CompletableFuture<Optional<StoreSelection.OpenStores>> ahead;
        synchronized (this) {
            ahead = openedAhead;
            openedAhead = null;
        }
        return ahead == null ? Optional.empty() : ahead.join();
    }

    /** Closes the store opened ahead that no command took (a usage error, help); waits for its open to end. */
    void closeUnclaimed() {
        takeOpenedAhead().ifPresent(open -> {
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                // Opened read-only: nothing of the command's is lost.
            }
        });
    }

    /** The plugins, each loaded when something it provides is asked for. */
    public Plugins plugins() {
        synchronized (loaded) {
            if (loaded.plugins == null) {
                try {
                    loaded.plugins = pluginsDirectory().isPresent() ? Plugins.scan(pluginsDirectory().get()) : Plugins.none();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loaded.plugins;
        }
    }

    /** Every store type of the image and the plugins. */
    public StoreRegistry registry() {
        synchronized (loaded) {
            if (loaded.registry == null) {
                loaded.registry = fromPlugins(Plugins::storeRegistry);
            }
            return loaded.registry;
        }
    }

    /** Every front end of the image and the plugins. */
    public Listeners listeners() {
        synchronized (loaded) {
            if (loaded.listeners == null) {
                loaded.listeners = fromPlugins(Plugins::listeners);
            }
            return loaded.listeners;
        }
    }

    /** Every archive importer of the image and the plugins. */
    public KeyedProviders<ArchiveImporterProvider> archiveImporters() {
        synchronized (loaded) {
            if (loaded.archiveImporters == null) {
                loaded.archiveImporters = fromPlugins(Plugins::archiveImporters);
            }
            return loaded.archiveImporters;
        }
    }

    private interface PluginLookup<T> {
        T from(Plugins plugins) throws IOException;
    }

    private <T> T fromPlugins(PluginLookup<T> lookup) {
        try {
            return lookup.from(plugins());
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, e.getMessage(), e);
        }
    }
}
