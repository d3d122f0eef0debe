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
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The front ends that can serve a composition, by the scheme of a listen URL
 * ({@code grpc+http}, {@code grpc+unix}), found through {@link ListenerProvider} as
 * {@link KeyedProviders}: two providers of one scheme are an error naming both modules.
 */
public final class Listeners {

    private final KeyedProviders<ListenerProvider> providers;

    private Listeners(KeyedProviders<ListenerProvider> providers) {
        this.providers = providers;
    }

    /** The providers that {@code loaders} find now, and those of {@code source} when needed. */
    public static Listeners load(List<ServiceLoader<ListenerProvider>> loaders, KeyedProviders.Source<ListenerProvider> source)
            throws CompositionException {
        return new Listeners(KeyedProviders.load("listener provider", "serve the listen scheme",
                ListenerProvider::schemes, loaders, source));
    }

    /** Every scheme served, sorted, with its provider (every provider is loaded first). */
    public Map<String, KeyedProviders.Entry<ListenerProvider>> bySchemes() {
        return providers.byKey();
    }

    /** Providers that failed to load (every provider is tried first). */
    public List<ProviderFailure> failures() {
        return providers.failures();
    }

    /**
     * The provider of {@code scheme}, if any; loads the plugins that declare it when it is not served yet.
     *
     * @throws CompositionException when two providers turn out to serve one scheme
     */
    public Optional<KeyedProviders.Entry<ListenerProvider>> lookup(String scheme) throws CompositionException {
        return providers.lookup(scheme);
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
        Optional<KeyedProviders.Entry<ListenerProvider>> found = lookup(parsed.scheme());
        if (found.isEmpty()) {
            Set<String> served = bySchemes().keySet();
            throw new ConfigException("nothing serves the scheme '" + parsed.scheme() + "' of '" + url + "'"
                    + (served.isEmpty() ? "; no listener is installed (the gRPC plugin provides grpc+http and grpc+unix)"
                            : "; served schemes: " + served));
        }
        try {
            return found.get().provider().listen(parsed, blobs, directories, telemetry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid listen address '" + url + "': " + e.getMessage(), e);
        }
    }
}
