package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
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

    private final Map<ServiceKind<?>, Map<String, Entry>> types;
    private final List<ProviderInfo> providers;
    private final List<ProviderFailure> failures;

    private StoreRegistry(Map<ServiceKind<?>, Map<String, Entry>> types, List<ProviderInfo> providers,
            List<ProviderFailure> failures) {
        this.types = types;
        this.providers = providers;
        this.failures = failures;
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
        Map<Class<?>, ServiceBuilderProvider> found = new LinkedHashMap<>();
        List<ProviderFailure> failures = new ArrayList<>();
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
                if (found.containsKey(p.type())) {
                    continue;
                }
                try {
                    found.put(p.type(), p.get());
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add(new ProviderFailure(ProviderInfo.moduleName(p.type()), message(e)));
                }
            }
        }
        return build(new ArrayList<>(found.values()), failures);
    }

    /** A registry of exactly these providers. */
    public static StoreRegistry of(List<ServiceBuilderProvider> providers) throws CompositionException {
        return build(providers, new ArrayList<>());
    }

    private static StoreRegistry build(List<ServiceBuilderProvider> providers, List<ProviderFailure> failures)
            throws CompositionException {
        Map<ServiceKind<?>, Map<String, Entry>> types = new LinkedHashMap<>();
        List<ProviderInfo> infos = new ArrayList<>();
        Map<ServiceBuilderProvider, Boolean> seen = new IdentityHashMap<>();
        for (ServiceBuilderProvider provider : providers) {
            if (seen.put(provider, true) != null) {
                continue;
            }
            List<Registration<?>> registrations;
            try {
                registrations = provider.registrations();
            } catch (RuntimeException | LinkageError e) {
                failures.add(new ProviderFailure(ProviderInfo.moduleName(provider.getClass()), message(e)));
                continue;
            }
            ProviderInfo info = ProviderInfo.of(provider, registrations);
            infos.add(info);
            for (Registration<?> r : registrations) {
                Entry previous = types.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>())
                        .putIfAbsent(r.type(), new Entry(r, info));
                if (previous != null) {
                    throw new CompositionException("two providers register the " + r.kind() + " type '" + r.type()
                            + "': " + describe(previous.provider()) + " and " + describe(info)
                            + "; remove one of them from the module path");
                }
            }
        }
        for (ProviderFailure f : failures) {
            LOG.warn("store provider from {} failed to load: {}", f.source(), f.error());
        }
        LOG.debug("store types: {}", types);
        return new StoreRegistry(types, Collections.unmodifiableList(infos), Collections.unmodifiableList(failures));
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

    /** The registered type, if any. */
    public Optional<Entry> lookup(ServiceKind<?> kind, String type) {
        return Optional.ofNullable(types.getOrDefault(kind, Map.of()).get(type));
    }

    /** The type tags registered for {@code kind}, sorted. */
    public Set<String> typeTags(ServiceKind<?> kind) {
        return new TreeSet<>(types.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every provider found, in discovery order. */
    public List<ProviderInfo> providers() {
        return providers;
    }

    /** Providers that failed to load. */
    public List<ProviderFailure> failures() {
        return failures;
    }

    /**
     * The config that {@code url} stands for.
     *
     * @throws ConfigException for an unknown type tag, a type without URL form, or a bad URL
     */
    @SuppressWarnings("unchecked")
    public <T> ServiceBuilder<T> parseUrl(ServiceKind<T> kind, String url) throws ConfigException {
        ServiceUrl parsed;
        try {
            parsed = ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Entry entry = lookup(kind, parsed.typeTag()).orElseThrow(() -> new ConfigException(
                "Unknown type: " + parsed.typeTag() + " (in " + kind + " URL '" + url + "'); known " + kind + " types: "
                        + typeTags(kind)));
        Registration<T> r = (Registration<T>) entry.registration();
        var parser = r.urlParser().orElseThrow(() -> new ConfigException(
                "the " + kind + " type '" + r.type() + "' cannot be created from a URL; describe it in a config file"));
        try {
            return parser.parse(parsed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid " + kind + " URL '" + url + "': " + e.getMessage(), e);
        }
    }
}
