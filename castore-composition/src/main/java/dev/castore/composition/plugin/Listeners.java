package dev.castore.composition.plugin;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.composition.ConfigException;
import dev.castore.composition.ProviderFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The front ends that can serve a composition, by the scheme of a listen URL
 * ({@code grpc+http}, {@code grpc+unix}), found through {@link ListenerProvider}. The first
 * provider of a scheme wins; a second one is reported in {@link #failures()}.
 */
public final class Listeners {

    /** A scheme and the provider that serves it. */
    public record Entry(String scheme, ListenerProvider provider, String module, Optional<String> version) {}

    private final Map<String, Entry> bySchemes;
    private final List<ProviderFailure> failures;

    private Listeners(Map<String, Entry> bySchemes, List<ProviderFailure> failures) {
        this.bySchemes = Collections.unmodifiableMap(bySchemes);
        this.failures = Collections.unmodifiableList(failures);
    }

    /** The providers that {@code loaders} find, each provider class once. */
    public static Listeners load(List<ServiceLoader<ListenerProvider>> loaders) {
        Map<String, Entry> schemes = new TreeMap<>();
        List<ProviderFailure> failures = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (ServiceLoader<ListenerProvider> loader : loaders) {
            var it = loader.stream().iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    var p = it.next();
                    if (seen.add(p.type())) {
                        add(schemes, failures, p.get());
                    }
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add(new ProviderFailure("listener provider", String.valueOf(e.getMessage())));
                }
            }
        }
        return new Listeners(schemes, failures);
    }

    private static void add(Map<String, Entry> schemes, List<ProviderFailure> failures, ListenerProvider provider) {
        Module m = provider.getClass().getModule();
        String module = m.isNamed() ? m.getName() : "unnamed module (" + provider.getClass().getName() + ")";
        Optional<String> version = m.isNamed() && m.getDescriptor() != null ? m.getDescriptor().rawVersion() : Optional.empty();
        for (String scheme : provider.schemes()) {
            Entry previous = schemes.putIfAbsent(scheme, new Entry(scheme, provider, module, version));
            if (previous != null) {
                failures.add(new ProviderFailure(module, "scheme '" + scheme + "' is already served by " + previous.module()));
            }
        }
    }

    /** Every scheme served, sorted, with its provider. */
    public Map<String, Entry> bySchemes() {
        return bySchemes;
    }

    /** Providers that failed to load or claimed a scheme already taken. */
    public List<ProviderFailure> failures() {
        return failures;
    }

    /** The provider of {@code scheme}, if any. */
    public Optional<Entry> lookup(String scheme) {
        return Optional.ofNullable(bySchemes.get(scheme));
    }

    /**
     * Starts serving {@code blobs} and {@code directories} at {@code url}.
     *
     * @throws ConfigException when the URL is malformed or no provider serves its scheme
     */
    public Listener listen(String url, BlobService blobs, DirectoryService directories) throws IOException {
        ServiceUrl parsed;
        try {
            parsed = ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Entry entry = lookup(parsed.scheme()).orElseThrow(() -> new ConfigException("nothing serves the scheme '"
                + parsed.scheme() + "' of '" + url + "'" + (bySchemes.isEmpty()
                        ? "; no listener is installed (the gRPC plugin provides grpc+http and grpc+unix)"
                        : "; served schemes: " + bySchemes.keySet())));
        try {
            return entry.provider().listen(parsed, blobs, directories);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid listen address '" + url + "': " + e.getMessage(), e);
        }
    }
}
