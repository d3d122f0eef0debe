package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store type known to this process, keyed by kind and type tag, each with the provider
 * (and module) that contributed it. Two providers claiming one kind and tag are an error that
 * names both modules. A provider that fails to load is recorded in {@link #failures()} and does
 * not stop the others.
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
    }

    private final Map<ServiceKind<?>, Map<String, Entry>> types = new LinkedHashMap<>();
    private final List<ProviderInfo> providers = new ArrayList<>();
    private final List<ProviderFailure> failures = new ArrayList<>();
    private final Set<Class<?>> seen = new HashSet<>();
    private final Source source;

    private StoreRegistry(Source source) {
        this.source = source;
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
        return load(loaders, null);
    }

    /**
     * The providers found by {@code loaders} now, and those of {@code source} (may be null) when a
     * type is asked for that is not registered, or when all of them are.
     */
    public static StoreRegistry load(List<ServiceLoader<ServiceBuilderProvider>> loaders, Source source)
            throws CompositionException {
        StoreRegistry registry = new StoreRegistry(source);
        registry.addAll(loaders);
        return registry;
    }

    /** A registry of exactly these providers. */
    public static StoreRegistry of(List<ServiceBuilderProvider> providers) throws CompositionException {
        StoreRegistry registry = new StoreRegistry(null);
        for (ServiceBuilderProvider p : providers) {
            if (registry.seen.add(p.getClass())) {
                registry.add(p);
            }
        }
        registry.logFailures(0);
        return registry;
    }

    private synchronized void addAll(List<ServiceLoader<ServiceBuilderProvider>> loaders) throws CompositionException {
        int failuresBefore = failures.size();
        for (ServiceLoader<ServiceBuilderProvider> loader : loaders) {
            var it = loader.stream().iterator();
            while (true) {
                ServiceLoader.Provider<ServiceBuilderProvider> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError e) {
                    failures.add(new ProviderFailure("unknown provider", message(e)));
                    continue;
                }
                if (!seen.add(p.type())) {
                    continue;
                }
                ServiceBuilderProvider provider;
                try {
                    provider = p.get();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add(new ProviderFailure(ProviderInfo.moduleName(p.type()), message(e)));
                    continue;
                }
                add(provider);
            }
        }
        logFailures(failuresBefore);
    }

    private void add(ServiceBuilderProvider provider) throws CompositionException {
        List<Registration<?>> registrations;
        try {
            registrations = provider.registrations();
        } catch (RuntimeException | LinkageError e) {
            failures.add(new ProviderFailure(ProviderInfo.moduleName(provider.getClass()), message(e)));
            return;
        }
        ProviderInfo info = ProviderInfo.of(provider, registrations);
        providers.add(info);
        for (Registration<?> r : registrations) {
            Entry previous = types.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>())
                    .putIfAbsent(r.type(), new Entry(r, info));
            if (previous != null) {
                throw new CompositionException("two providers register the " + r.kind() + " type '" + r.type()
                        + "': " + describe(previous.provider()) + " and " + describe(info)
                        + "; remove one of them from the module path");
            }
        }
        LOG.debug("store types of {}: {}", info.module(), registrations);
    }

    private void logFailures(int from) {
        for (ProviderFailure f : failures.subList(from, failures.size())) {
            LOG.warn("store provider from {} failed to load: {}", f.source(), f.error());
        }
    }

    /** Adds what the source has left: every provider, for the questions that need them all. */
    private synchronized void addRest() {
        if (source != null) {
            try {
                addAll(source.rest());
            } catch (CompositionException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static String describe(ProviderInfo p) {
        return "module " + p.module() + " (" + p.providerClass() + ")";
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c);
        }
        return sb.toString();
    }

    /**
     * The registered type, if any; asks the source (loads the plugins that declare it) when it
     * is not registered yet.
     *
     * @throws IllegalStateException when two providers turn out to register it
     */
    public synchronized Optional<Entry> lookup(ServiceKind<?> kind, String type) {
        Entry entry = types.getOrDefault(kind, Map.of()).get(type);
        if (entry == null && source != null) {
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
        return List.copyOf(failures);
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
