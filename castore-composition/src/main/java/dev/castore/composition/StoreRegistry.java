package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store type known to this process, keyed by kind and type tag, each with the provider
 * (and module) that contributed it. Providers are found by a {@link ProviderScan}: two providers
 * claiming one kind and tag are an error that names both modules, and a provider that fails to
 * load is recorded in {@link #failures()} and does not stop the others.
 */
public final class StoreRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRegistry.class);

    /** A registered type and who registered it. */
    public record Entry(Registration<?> registration, ProviderInfo provider) {}

    /**
     * Where more providers come from when a type is not registered yet, such as plugins loaded
     * only when they are needed. Each loader is handed out once over all calls.
     */
    public interface Source {
        /** Loaders of providers that may register the type {@code type} of {@code kind}. */
        List<ServiceLoader<ServiceBuilderProvider>> candidates(ServiceKind<?> kind, String type);

        /** Loaders of every provider not handed out yet. */
        List<ServiceLoader<ServiceBuilderProvider>> rest();

        /**
         * The layer of the extension {@code name} of the plugin {@code owner} is in (see
         * {@link dev.castore.api.spi.CompositionContext#extension}); empty without plugins.
         */
        default Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
            return Optional.empty();
        }

        /** A source with no more providers: the registry holds what it was loaded with. */
        static Source none() {
            return new Source() {
                @Override
                public List<ServiceLoader<ServiceBuilderProvider>> candidates(ServiceKind<?> kind, String type) {
                    return List.of();
                }

                @Override
                public List<ServiceLoader<ServiceBuilderProvider>> rest() {
                    return List.of();
                }
            };
        }
    }

    private final Map<ServiceKind<?>, Map<String, Entry>> types = new LinkedHashMap<>();
    private final List<ProviderInfo> providers = new ArrayList<>();
    private final ProviderScan<ServiceBuilderProvider> scan = new ProviderScan<>("store provider");
    private final Source source;

    private StoreRegistry(Source source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The extension {@code name} of the plugin {@code owner} is a module of, from the registry's source. */
    public Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
        return source.extension(owner, name);
    }

    /** The providers of the modules this class's loader sees: the boot layer and the class path. */
    public static StoreRegistry load() throws CompositionException {
        return load(List.of(ServiceLoader.load(ServiceBuilderProvider.class, StoreRegistry.class.getClassLoader())));
    }

    /**
     * The providers found by {@code loaders} (e.g. one per plugin layer), each provider class
     * once even when several loaders see it.
     */
    public static StoreRegistry load(List<ServiceLoader<ServiceBuilderProvider>> loaders) throws CompositionException {
        return load(loaders, Source.none());
    }

    /**
     * The providers found by {@code loaders} now, and those of {@code source} when a type is asked
     * for that is not registered, or when all of them are.
     */
    public static StoreRegistry load(List<ServiceLoader<ServiceBuilderProvider>> loaders, Source source)
            throws CompositionException {
        StoreRegistry registry = new StoreRegistry(source);
        registry.addAll(loaders);
        return registry;
    }

    /** A registry of exactly these providers. */
    public static StoreRegistry of(List<ServiceBuilderProvider> providers) throws CompositionException {
        StoreRegistry registry = new StoreRegistry(Source.none());
        registry.add(registry.scan.adopt(providers));
        return registry;
    }

    private synchronized void addAll(List<ServiceLoader<ServiceBuilderProvider>> loaders) throws CompositionException {
        add(scan.scan(loaders));
    }

    private synchronized void add(List<ProviderScan.Found<ServiceBuilderProvider>> found) throws CompositionException {
        for (ProviderScan.Found<ServiceBuilderProvider> f : found) {
            List<Registration<?>> registrations;
            try {
                registrations = List.copyOf(f.provider().registrations());
            } catch (RuntimeException | LinkageError e) {
                scan.fail(f.module(), e);
                continue;
            }
            ProviderInfo info = new ProviderInfo(f.module(), f.version(), f.providerClass(), registrations);
            providers.add(info);
            for (Registration<?> r : registrations) {
                scan.claim("register the " + r.kind() + " type", r.type(), f);
                types.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>()).put(r.type(), new Entry(r, info));
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("store types of {}: {}", info.module(), registrations.stream()
                        .map(r -> r.kind() + " " + r.type()).collect(Collectors.joining(", ")));
            }
        }
    }

    /** Adds what the source has left: every provider, for the questions that need them all. */
    private synchronized void addRest() {
        try {
            addAll(source.rest());
        } catch (CompositionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The registered type, if any; asks the source (loads the plugins that declare it) when it
     * is not registered yet.
     *
     * @throws IllegalStateException when two providers turn out to register it
     */
    public synchronized Optional<Entry> lookup(ServiceKind<?> kind, String type) {
        Entry entry = types.getOrDefault(kind, Map.of()).get(type);
        if (entry == null) {
            try {
                addAll(source.candidates(kind, type));
            } catch (CompositionException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            entry = types.getOrDefault(kind, Map.of()).get(type);
        }
        return Optional.ofNullable(entry);
    }

    /** The type tags registered for {@code kind}, sorted (every provider is loaded first). */
    public synchronized Set<String> typeTags(ServiceKind<?> kind) {
        addRest();
        return new TreeSet<>(types.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every provider, in discovery order (every provider is loaded first). */
    public synchronized List<ProviderInfo> providers() {
        addRest();
        return List.copyOf(providers);
    }

    /** Providers that failed to load (every provider is tried first). */
    public synchronized List<ProviderFailure> failures() {
        addRest();
        return scan.failures();
    }

    /**
     * The config that {@code url} stands for, as {@link Binder#bindUrl} binds it.
     *
     * @throws ConfigException for an unknown type tag, a type without URL form, or a bad URL
     */
    public <T> ServiceBuilder<T> parseUrl(ServiceKind<T> kind, String url) throws ConfigException {
        return new Binder(this).bindUrl(kind, Composition.ANONYMOUS, url).builder(kind);
    }
}
