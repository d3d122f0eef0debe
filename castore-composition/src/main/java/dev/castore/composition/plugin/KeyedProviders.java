package dev.castore.composition.plugin;

import dev.castore.api.spi.CompositionException;
import dev.castore.composition.ProviderFailure;
import dev.castore.composition.ProviderScan;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The providers of one extension point by the keys they serve (a listener's URL schemes, an
 * archive importer's formats), found by a {@link ProviderScan} as store types are: two providers
 * of one key are an error naming both modules. A key not served yet loads the plugins that declare
 * it; the questions about every provider load them all first.
 *
 * @param <P> the provider interface
 */
public final class KeyedProviders<P> {

    /** A key and the provider that serves it, with the provider's module and version. */
    public record Entry<P>(String key, P provider, String module, Optional<String> version) {}

    /** Where more providers come from when a key is not served yet (plugins loaded when needed). */
    public interface Source<P> {
        /** Loaders of providers that may serve {@code key}; each loader is handed out once over all calls. */
        List<ServiceLoader<P>> candidates(String key);

        /** Loaders of every provider not handed out yet. */
        List<ServiceLoader<P>> rest();

        /** A source with no more providers: only those loaded at first are known. */
        static <P> Source<P> none() {
            return new Source<>() {
                @Override
                public List<ServiceLoader<P>> candidates(String key) {
                    return List.of();
                }

                @Override
                public List<ServiceLoader<P>> rest() {
                    return List.of();
                }
            };
        }
    }

    private final Map<String, Entry<P>> byKey = new TreeMap<>();
    private final ProviderScan<P> scan;
    private final String claim;
    private final Function<P, Collection<String>> keys;
    private final Source<P> source;

    private KeyedProviders(String label, String claim, Function<P, Collection<String>> keys, Source<P> source) {
        this.scan = new ProviderScan<>(label);
        this.claim = claim;
        this.keys = keys;
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The providers that {@code loaders} find now, and those of {@code source} when needed
     * ({@link Source#none()} for no more).
     *
     * @param label what a provider is, for messages ({@code "listener provider"})
     * @param claim what serving a key means, for the message naming two providers of one key
     *     ({@code "serve the listen scheme"})
     * @param keys the keys a provider serves
     */
    public static <P> KeyedProviders<P> load(String label, String claim, Function<P, Collection<String>> keys,
            List<ServiceLoader<P>> loaders, Source<P> source) throws CompositionException {
        KeyedProviders<P> providers = new KeyedProviders<>(label, claim, keys, source);
        providers.addAll(loaders);
        return providers;
    }

    private synchronized void addAll(List<ServiceLoader<P>> loaders) throws CompositionException {
        for (ProviderScan.Found<P> f : scan.scan(loaders)) {
            Set<String> served;
            try {
                served = Set.copyOf(keys.apply(f.provider()));
            } catch (RuntimeException | LinkageError e) {
                scan.fail(f.module(), e);
                continue;
            }
            for (String key : served) {
                scan.claim(claim, key, f);
                byKey.put(key, new Entry<>(key, f.provider(), f.module(), f.version()));
            }
        }
    }

    private synchronized void addRest() {
        try {
            addAll(source.rest());
        } catch (CompositionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every key served, sorted, with its provider (every provider is loaded first). */
    public synchronized Map<String, Entry<P>> byKey() {
        addRest();
        return Collections.unmodifiableMap(new TreeMap<>(byKey));
    }

    /** Providers that failed to load (every provider is tried first). */
    public synchronized List<ProviderFailure> failures() {
        addRest();
        return scan.failures();
    }

    /**
     * The provider of {@code key}, if any; loads the plugins that declare it when it is not served yet.
     *
     * @throws CompositionException when two providers turn out to serve one key
     */
    public synchronized Optional<Entry<P>> lookup(String key) throws CompositionException {
        Entry<P> entry = byKey.get(key);
        if (entry == null) {
            addAll(source.candidates(key));
            entry = byKey.get(key);
        }
        return Optional.ofNullable(entry);
    }
}
