package dev.castore.composition.plugin;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.composition.ConfigException;
import dev.castore.composition.ProviderFailure;
import dev.castore.composition.ProviderScan;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The front ends that can serve a composition, by the scheme of a listen URL
 * ({@code grpc+http}, {@code grpc+unix}), found through {@link ListenerProvider} by a
 * {@link ProviderScan}, as store types are: two providers of one scheme are an error naming both
 * modules.
 */
public final class Listeners {

    /** A scheme and the provider that serves it. */
    public record Entry(String scheme, ListenerProvider provider, String module, Optional<String> version) {}

    /** Where more providers come from when a scheme is not served yet (plugins loaded when needed). */
    public interface Source {
        /** Loaders of providers that may serve {@code scheme}; each loader is handed out once over all calls. */
        List<ServiceLoader<ListenerProvider>> candidates(String scheme);

        /** Loaders of every provider not handed out yet. */
        List<ServiceLoader<ListenerProvider>> rest();
    }

    private final Map<String, Entry> bySchemes = new TreeMap<>();
    private final ProviderScan<ListenerProvider> scan = new ProviderScan<>("listener provider");
    private final Source source;

    private Listeners(Source source) {
        this.source = source;
    }

    /** The providers that {@code loaders} find now, and those of {@code source} (may be null) when needed. */
    public static Listeners load(List<ServiceLoader<ListenerProvider>> loaders, Source source)
            throws CompositionException {
        Listeners listeners = new Listeners(source);
        listeners.addAll(loaders);
        return listeners;
    }

    private synchronized void addAll(List<ServiceLoader<ListenerProvider>> loaders) throws CompositionException {
        for (ProviderScan.Found<ListenerProvider> f : scan.scan(loaders)) {
            Set<String> schemes;
            try {
                schemes = Set.copyOf(f.provider().schemes());
            } catch (RuntimeException | LinkageError e) {
                scan.fail(f.module(), e);
                continue;
            }
            for (String scheme : schemes) {
                scan.claim("serve the listen scheme", scheme, f);
                bySchemes.put(scheme, new Entry(scheme, f.provider(), f.module(), f.version()));
            }
        }
    }

    private synchronized void addRest() {
        if (source != null) {
            try {
                addAll(source.rest());
            } catch (CompositionException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Every scheme served, sorted, with its provider (every provider is loaded first). */
    public synchronized Map<String, Entry> bySchemes() {
        addRest();
        return Collections.unmodifiableMap(new TreeMap<>(bySchemes));
    }

    /** Providers that failed to load (every provider is tried first). */
    public synchronized List<ProviderFailure> failures() {
        addRest();
        return scan.failures();
    }

    /**
     * The provider of {@code scheme}, if any; loads the plugins that declare it when it is not served yet.
     *
     * @throws CompositionException when two providers turn out to serve one scheme
     */
    public synchronized Optional<Entry> lookup(String scheme) throws CompositionException {
        Entry entry = bySchemes.get(scheme);
        if (entry == null && source != null) {
            addAll(source.candidates(scheme));
            entry = bySchemes.get(scheme);
        }
        return Optional.ofNullable(entry);
    }

    /**
     * Starts serving {@code blobs} and {@code directories} at {@code url}.
     *
     * @throws ConfigException when the URL is malformed or no provider serves its scheme
     */
    public Listener listen(String url, BlobService blobs, DirectoryService directories) throws IOException {
        return listen(url, blobs, directories, Telemetry.none());
    }

    /**
     * Starts serving {@code blobs} and {@code directories} at {@code url}, each call reported to
     * {@code telemetry}.
     *
     * @throws ConfigException when the URL is malformed or no provider serves its scheme
     */
    public Listener listen(String url, BlobService blobs, DirectoryService directories, Telemetry telemetry)
            throws IOException {
        ServiceUrl parsed;
        try {
            parsed = ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Optional<Entry> found = lookup(parsed.scheme());
        if (found.isEmpty()) {
            Set<String> served = bySchemes().keySet();
            throw new ConfigException("nothing serves the scheme '" + parsed.scheme() + "' of '" + url + "'"
                    + (served.isEmpty() ? "; no listener is installed (the gRPC plugin provides grpc+http and grpc+unix)"
                            : "; served schemes: " + served));
        }
        Entry entry = found.get();
        try {
            return entry.provider().listen(parsed, blobs, directories, telemetry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid listen address '" + url + "': " + e.getMessage(), e);
        }
    }
}
