package dev.castore.api.spi;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.telemetry.Telemetry;
import java.io.IOException;
import java.util.Set;

/**
 * A front end that serves a blob and a directory service, chosen by the scheme of a listen URL
 * ({@code grpc+http://127.0.0.1:8000}, {@code grpc+unix:///run/castore.sock}). Found with
 * {@link java.util.ServiceLoader}, like {@link ServiceBuilderProvider}.
 */
public interface ListenerProvider {

    /** The URL schemes this provider serves, e.g. {@code grpc+http}, {@code grpc+unix}. */
    Set<String> schemes();

    /**
     * Starts serving {@code blobs} and {@code directories} at {@code address}; returns once it
     * accepts connections. The services stay owned by the caller.
     *
     * @throws IllegalArgumentException when the address is malformed, naming what is accepted
     */
    Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories) throws IOException;

    /**
     * Like {@link #listen(ServiceUrl, BlobService, DirectoryService)}, reporting each call to
     * {@code telemetry} (a span continuing the caller's trace, per-method metrics). The default
     * ignores the telemetry.
     */
    default Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories, Telemetry telemetry)
            throws IOException {
        return listen(address, blobs, directories);
    }
}
