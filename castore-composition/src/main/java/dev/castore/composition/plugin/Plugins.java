package dev.castore.composition.plugin;

import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.telemetry.TelemetryProvider;
import dev.castore.composition.ProviderScan;
import dev.castore.composition.StoreRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a plugins directory, each loaded apart from the others and only when needed,
 * plus what the running image itself provides.
 *
 * <p>Every entry of the directory is one plugin: a sub-directory holding a store's jar and its
 * runtime closure, or a single jar. For a plugin with an explicit module, jars whose module the
 * image already has are left out (the image's copy is used), the rest is resolved as one child
 * {@link ModuleLayer} of the image's layer with service binding, defined to one class loader, with
 * native access enabled for its modules. A plugin of plain jars (non-modular, services declared
 * in {@code META-INF/services}) gets its own class loader. One layer or loader per plugin keeps
 * the plugins' dependency versions apart. A plugin that cannot be loaded is reported in
 * {@link #failures()} and does not stop the others.
 *
 * <p>Loading a plugin costs time (the Bigtable plugin is 64 modules), so a plugin whose
 * directory holds a {@link PluginIndex} is loaded only when a command asks for a type or scheme
 * the index lists; a plugin without a valid index is loaded when something is asked for that no
 * index lists. {@link #plugins()}, {@link #failures()} and {@link #serviceLoaders} load them all.
 *
 * <p>A sub-directory of a plugin's directory is an <em>extension</em> of it: jars that only some
 * of its stores need, made into a layer over the plugin's own only when one of them asks for it
 * ({@link #extension}), so that the plugin's other stores start without them (the objectstore
 * plugin's S3 client: 33 modules that a command on {@code file://} does not resolve). Thread-safe.
 */
public final class Plugins {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    /** A plugin found in the directory, with its index if it has a valid one. */
    private record Entry(String name, Path location, Optional<PluginIndex> index) {}

    private final List<Entry> entries;
    private final PluginLoader loader;
    private final Map<String, Plugin> loaded = new HashMap<>();
    private final Map<String, PluginFailure> failed = new HashMap<>();
    // Extensions asked for, by plugin/name: loaded, or why not.
    private final Map<String, Plugin> extensions = new HashMap<>();
    private final Map<String, PluginFailure> extensionFailures = new HashMap<>();
    // Per service: the plugins already handed to that service's registry.
    private final Map<Class<?>, Set<String>> handedOut = new HashMap<>();

    private Plugins(List<Entry> entries, PluginLoader loader) {
        this.entries = List.copyOf(entries);
        this.loader = loader;
    }

    /** No plugins: only what the image (boot layer, class path) provides. */
    public static Plugins none() {
        return new Plugins(List.of(), null);
    }

    /**
     * The plugins of {@code directory}, in name order, none loaded yet (their indexes are read);
     * none when the directory does not exist.
     */
    public static Plugins scan(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            LOG.debug("no plugins directory at {}", directory);
            return none();
        }
        ModuleLayer parent = Plugins.class.getModule().getLayer() != null
                ? Plugins.class.getModule().getLayer()
                : ModuleLayer.boot();
        List<Entry> entries = new ArrayList<>();
        List<Path> locations;
        try (Stream<Path> s = Files.list(directory)) {
            locations = s.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path location : locations) {
            String name = location.getFileName().toString().replaceFirst("\\.jar$", "");
            Optional<PluginIndex> index = Optional.empty();
            if (Files.isDirectory(location)) {
                try {
                    index = PluginIndex.read(location, PluginLoader.jarsOf(location));
                } catch (IOException | PluginLoader.PluginLoadException | IllegalArgumentException e) {
                    LOG.debug("plugin {}: index not used: {}", name, e.toString());
                }
            }
            entries.add(new Entry(name, location, index));
        }
        return new Plugins(entries, new PluginLoader(parent, Plugins.class.getClassLoader()));
    }

    /** The plugins of {@code directory}, all loaded now, in name order. */
    public static Plugins load(Path directory) throws IOException {
        Plugins plugins = scan(directory);
        plugins.plugins();
        return plugins;
    }

    /** Loads {@code entry} once; empty when it failed (see {@link #failures()}). */
    private synchronized Optional<Plugin> load(Entry entry) {
        Plugin p = loaded.get(entry.name());
        if (p != null || failed.containsKey(entry.name())) {
            return Optional.ofNullable(p);
        }
        try {
            p = loader.load(entry.name(), entry.location());
            LOG.debug("plugin {}: modules {}, left out (in the image) {}", entry.name(), p.modules(), p.skipped());
            loaded.put(entry.name(), p);
            return Optional.of(p);
        } catch (PluginLoader.PluginLoadException e) {
            LOG.warn("plugin {} ({}) failed to load: {}", entry.name(), entry.location(), e.getMessage());
            failed.put(entry.name(), new PluginFailure(entry.name(), entry.location(), e.getMessage()));
            return Optional.empty();
        }
    }

    /** Every plugin that loads, all of them loaded now, in name order. */
    public synchronized List<Plugin> plugins() {
        List<Plugin> out = new ArrayList<>();
        for (Entry e : entries) {
            load(e).ifPresent(out::add);
        }
        return Collections.unmodifiableList(out);
    }

    /** The plugins that do not load, each with its reason; all of them are tried now. */
    public synchronized List<PluginFailure> failures() {
        plugins();
        List<PluginFailure> out = new ArrayList<>();
        for (Entry e : entries) {
            Optional.ofNullable(failed.get(e.name())).ifPresent(out::add);
        }
        return Collections.unmodifiableList(out);
    }

    /** Service loaders over the image first, then each plugin in order, all loaded now. */
    public <S> List<ServiceLoader<S>> serviceLoaders(Class<S> service) {
        List<ServiceLoader<S>> out = new ArrayList<>();
        out.add(imageLoader(service));
        for (Plugin p : plugins()) {
            out.add(p.serviceLoader(service));
        }
        return out;
    }

    private static <S> ServiceLoader<S> imageLoader(Class<S> service) {
        return ServiceLoader.load(service, Plugins.class.getClassLoader());
    }

    /**
     * Loaders of {@code service} of the plugins, not handed out for it before, whose index
     * declares what is wanted; when no index does, those of the plugins without an index.
     */
    synchronized <S> List<ServiceLoader<S>> candidates(Class<S> service, Predicate<PluginIndex> declares) {
        Set<String> given = handedOut.computeIfAbsent(service, s -> new HashSet<>());
        List<Entry> pick = entries.stream().filter(e -> e.index().filter(declares).isPresent()).toList();
        if (pick.isEmpty()) {
            pick = entries.stream().filter(e -> e.index().isEmpty()).toList();
        }
        return handOut(service, given, pick);
    }

    /** Loaders of {@code service} of every plugin not handed out for it before. */
    synchronized <S> List<ServiceLoader<S>> rest(Class<S> service) {
        return handOut(service, handedOut.computeIfAbsent(service, s -> new HashSet<>()), entries);
    }

    private <S> List<ServiceLoader<S>> handOut(Class<S> service, Set<String> given, List<Entry> pick) {
        List<ServiceLoader<S>> out = new ArrayList<>();
        for (Entry e : pick) {
            if (given.add(e.name())) {
                load(e).ifPresent(p -> out.add(p.serviceLoader(service)));
            }
        }
        return out;
    }

    /** The store types of the image, and of the plugins as they are needed. */
    public StoreRegistry storeRegistry() throws CompositionException {
        return StoreRegistry.load(List.of(imageLoader(ServiceBuilderProvider.class)), new StoreRegistry.Source() {
            @Override
            public List<ServiceLoader<ServiceBuilderProvider>> candidates(ServiceKind<?> kind, String type) {
                return Plugins.this.candidates(ServiceBuilderProvider.class, index -> index.provides(kind.name(), type));
            }

            @Override
            public List<ServiceLoader<ServiceBuilderProvider>> rest() {
                return Plugins.this.rest(ServiceBuilderProvider.class);
            }

            @Override
            public Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
                return Plugins.this.extension(owner, name);
            }
        });
    }

    /**
     * The layer of the extension {@code name} of the loaded plugin whose layer {@code owner} is
     * in: the jars of the sub-directory {@code name} of its directory, resolved over the plugin's
     * layer (and defined to one class loader whose parent is the plugin's) the first time, then
     * kept. Its module descriptors come from the {@link PluginModules} file written next to its
     * jars by {@link #writeIndexes}, when they match. Empty when {@code owner} is in no plugin's
     * layer or the plugin has no such directory.
     *
     * @throws IOException when the extension cannot be loaded, or has no explicit module to make a
     *     layer of (the failure is kept too)
     */
    public synchronized Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
        if (owner.getLayer() == null || name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            return Optional.empty();
        }
        Optional<Plugin> plugin = loaded.values().stream()
                .filter(p -> p.layer().filter(l -> l == owner.getLayer()).isPresent())
                .findFirst();
        if (plugin.isEmpty() || !Files.isDirectory(plugin.get().location().resolve(name))) {
            return Optional.empty();
        }
        Optional<Plugin> extension = loadExtension(plugin.get(), name);
        if (extension.isEmpty()) {
            PluginFailure f = extensionFailures.get(plugin.get().name() + "/" + name);
            throw new IOException("the extension " + name + " of plugin " + plugin.get().name() + " (" + f.location()
                    + ") failed to load: " + f.error());
        }
        return extension.get().layer();
    }

    /** Loads the extension {@code name} of the modular plugin {@code p} once; empty when it failed (kept). */
    private Optional<Plugin> loadExtension(Plugin p, String name) {
        String key = p.name() + "/" + name;
        if (!extensions.containsKey(key) && !extensionFailures.containsKey(key)) {
            Path location = p.location().resolve(name);
            try {
                Plugin extension = new PluginLoader(p.layer().orElseThrow(), p.loader()).load(key, location);
                if (!extension.isModular()) {
                    throw new PluginLoader.PluginLoadException("none of its jars is an explicit module", null);
                }
                LOG.debug("plugin extension {}: modules {}", key, extension.modules());
                extensions.put(key, extension);
            } catch (PluginLoader.PluginLoadException e) {
                extensionFailures.put(key, new PluginFailure(key, location, e.getMessage()));
            }
        }
        return Optional.ofNullable(extensions.get(key));
    }

    /**
     * The extensions of the loaded plugin {@code plugin} (named {@code plugin/extension}), each
     * loaded now, in name order; those that fail to load are in {@link #extensionFailures()}.
     */
    public synchronized List<Plugin> extensions(Plugin plugin) {
        if (plugin.layer().isEmpty() || !Files.isDirectory(plugin.location())) {
            return List.of();
        }
        List<Path> dirs;
        try {
            dirs = extensionsOf(plugin.location());
        } catch (IOException | PluginLoader.PluginLoadException e) {
            LOG.debug("cannot list the extensions of plugin {}: {}", plugin.name(), e.toString());
            return List.of();
        }
        List<Plugin> out = new ArrayList<>();
        for (Path dir : dirs) {
            loadExtension(plugin, dir.getFileName().toString()).ifPresent(out::add);
        }
        return Collections.unmodifiableList(out);
    }

    /** The extensions that do not load, each with its reason; those of every plugin are tried now. */
    public synchronized List<PluginFailure> extensionFailures() {
        for (Plugin p : plugins()) {
            extensions(p);
        }
        return extensionFailures.values().stream().sorted(Comparator.comparing(PluginFailure::name)).toList();
    }

    /** The listeners (front ends) of the image, and of the plugins as they are needed, by URL scheme. */
    public Listeners listeners() throws CompositionException {
        return Listeners.load(List.of(imageLoader(ListenerProvider.class)),
                keyedSource(ListenerProvider.class, (index, scheme) -> index.schemes().contains(scheme)));
    }

    /** The archive importers of the image, and of the plugins as they are needed, by format. */
    public KeyedProviders<ArchiveImporterProvider> archiveImporters() throws CompositionException {
        return KeyedProviders.load("archive importer", "import the archive format", ArchiveImporterProvider::formats,
                List.of(imageLoader(ArchiveImporterProvider.class)),
                keyedSource(ArchiveImporterProvider.class, (index, format) -> index.formats().contains(format)));
    }

    /** The plugins' providers of {@code service}, those whose index declares a key first. */
    private <P> KeyedProviders.Source<P> keyedSource(Class<P> service, BiPredicate<PluginIndex, String> declares) {
        return new KeyedProviders.Source<>() {
            @Override
            public List<ServiceLoader<P>> candidates(String key) {
                return Plugins.this.candidates(service, index -> declares.test(index, key));
            }

            @Override
            public List<ServiceLoader<P>> rest() {
                return Plugins.this.rest(service);
            }
        };
    }

    /**
     * The telemetry provider of the image or of a plugin, if there is one: the image's, and those of
     * the plugins whose index says they provide one (of the plugins without an index when none
     * does), so ask only when telemetry is wanted.
     *
     * @throws CompositionException when two modules provide one, naming both
     */
    public Optional<TelemetryProvider> telemetryProvider() throws CompositionException {
        ProviderScan<TelemetryProvider> scan = new ProviderScan<>("telemetry provider");
        List<ServiceLoader<TelemetryProvider>> loaders = new ArrayList<>();
        loaders.add(imageLoader(TelemetryProvider.class));
        loaders.addAll(candidates(TelemetryProvider.class, PluginIndex::telemetry));
        List<ProviderScan.Found<TelemetryProvider>> found = scan.scan(loaders);
        for (ProviderScan.Found<TelemetryProvider> f : found) {
            scan.claim("provide", "telemetry", f);
        }
        return found.stream().findFirst().map(ProviderScan.Found::provider);
    }

    /**
     * Loads every plugin and writes the index of each plugin directory (single-jar plugins
     * cannot have one); returns the directories written.
     */
    public synchronized List<Path> writeIndexes() throws IOException {
        List<Path> written = new ArrayList<>();
        for (Entry e : entries) {
            Optional<Plugin> p = load(e);
            if (p.isEmpty() || !Files.isDirectory(e.location())) {
                continue;
            }
            Map<String, Set<String>> types = new TreeMap<>();
            for (ServiceLoader.Provider<ServiceBuilderProvider> provider
                    : p.get().serviceLoader(ServiceBuilderProvider.class).stream().toList()) {
                if (isOwn(p.get(), provider.type())) {
                    provider.get().registrations()
                            .forEach(r -> types.computeIfAbsent(r.kind().name(), k -> new TreeSet<>()).add(r.type()));
                }
            }
            Set<String> schemes = new TreeSet<>();
            for (ServiceLoader.Provider<ListenerProvider> provider
                    : p.get().serviceLoader(ListenerProvider.class).stream().toList()) {
                if (isOwn(p.get(), provider.type())) {
                    schemes.addAll(provider.get().schemes());
                }
            }
            Set<String> formats = new TreeSet<>();
            for (ServiceLoader.Provider<ArchiveImporterProvider> provider
                    : p.get().serviceLoader(ArchiveImporterProvider.class).stream().toList()) {
                if (isOwn(p.get(), provider.type())) {
                    formats.addAll(provider.get().formats());
                }
            }
            boolean telemetry = p.get().serviceLoader(TelemetryProvider.class).stream()
                    .anyMatch(provider -> isOwn(p.get(), provider.type()));
            try {
                new PluginIndex(types, schemes, formats, telemetry, PluginIndex.describe(PluginLoader.jarsOf(e.location()))).write(e.location());
                PluginLoader.writeModules(e.location());
                for (Path extension : extensionsOf(e.location())) {
                    PluginLoader.writeModules(extension);
                }
            } catch (PluginLoader.PluginLoadException ex) {
                throw new IOException(ex.getMessage(), ex);
            }
            written.add(e.location());
        }
        return written;
    }

    /** The sub-directories of a plugin's directory that hold jars (as a plugin's): its extensions. */
    private static List<Path> extensionsOf(Path location) throws IOException, PluginLoader.PluginLoadException {
        try (Stream<Path> s = Files.list(location)) {
            List<Path> out = new ArrayList<>();
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                if (!PluginLoader.jarsOf(dir).isEmpty()) {
                    out.add(dir);
                }
            }
            return out;
        }
    }

    private static boolean isOwn(Plugin plugin, Class<?> type) {
        return plugin.isModular() ? plugin.layer().orElseThrow() == type.getModule().getLayer()
                : type.getClassLoader() == plugin.loader();
    }

    /** Names of the plugins found, loaded or not, with whether each has a valid index. */
    public Map<String, Boolean> indexed() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.name(), e.index().isPresent()));
        return out;
    }
}
