package dev.castore.composition.plugin;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.composition.StoreRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a plugins directory, each loaded apart from the others, plus what the running
 * image itself provides.
 *
 * <p>Every entry of the directory is one plugin: a sub-directory holding a store's jar and its
 * runtime closure, or a single jar. For a plugin with an explicit module, jars whose module the
 * image already has are left out (the image's copy is used), the rest is resolved as one child
 * {@link ModuleLayer} of the image's layer with service binding, defined to one class loader, with
 * native access enabled for its modules. A plugin of plain jars (non-modular, services declared
 * in {@code META-INF/services}) gets its own class loader. One layer or loader per plugin keeps
 * the plugins' dependency versions apart. A plugin that cannot be loaded is reported in
 * {@link #failures()} and does not stop the others.
 */
public final class Plugins {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    private final List<Plugin> plugins;
    private final List<PluginFailure> failures;

    private Plugins(List<Plugin> plugins, List<PluginFailure> failures) {
        this.plugins = Collections.unmodifiableList(plugins);
        this.failures = Collections.unmodifiableList(failures);
    }

    /** No plugins: only what the image (boot layer, class path) provides. */
    public static Plugins none() {
        return new Plugins(new ArrayList<>(), new ArrayList<>());
    }

    /** The plugins of {@code directory}, in name order; none when the directory does not exist. */
    public static Plugins load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            LOG.debug("no plugins directory at {}", directory);
            return none();
        }
        ModuleLayer parent = Plugins.class.getModule().getLayer() != null
                ? Plugins.class.getModule().getLayer()
                : ModuleLayer.boot();
        PluginLoader loader = new PluginLoader(parent, Plugins.class.getClassLoader());
        List<Plugin> loaded = new ArrayList<>();
        List<PluginFailure> failed = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(directory)) {
            entries = s.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString().replaceFirst("\\.jar$", "");
            try {
                Plugin p = loader.load(name, entry);
                LOG.debug("plugin {}: modules {}, left out (in the image) {}", name, p.modules(), p.skipped());
                loaded.add(p);
            } catch (PluginLoader.PluginLoadException e) {
                LOG.warn("plugin {} ({}) failed to load: {}", name, entry, e.getMessage());
                failed.add(new PluginFailure(name, entry, e.getMessage()));
            }
        }
        return new Plugins(loaded, failed);
    }

    /** The plugins that loaded. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** The plugins that did not load, each with its reason. */
    public List<PluginFailure> failures() {
        return failures;
    }

    /** Service loaders over the image first, then each plugin in order. */
    public <S> List<ServiceLoader<S>> serviceLoaders(Class<S> service) {
        List<ServiceLoader<S>> out = new ArrayList<>();
        out.add(ServiceLoader.load(service, Plugins.class.getClassLoader()));
        for (Plugin p : plugins) {
            out.add(p.serviceLoader(service));
        }
        return out;
    }

    /** The store types of the image and of every plugin. */
    public StoreRegistry storeRegistry() throws CompositionException {
        return StoreRegistry.load(serviceLoaders(ServiceBuilderProvider.class));
    }

    /** The listeners (front ends) of the image and of every plugin, by URL scheme. */
    public Listeners listeners() {
        return Listeners.load(serviceLoaders(ListenerProvider.class));
    }
}
