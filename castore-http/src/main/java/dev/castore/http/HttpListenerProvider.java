package dev.castore.http;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceUrl;
import java.io.IOException;
import java.util.Set;

/**
 * Serves stored trees read-only over HTTP/1.1: {@code http://HOST:PORT} serves any directory at
 * {@code /DIGEST/}; {@code ?root=DIGEST} serves that one tree at {@code /}; {@code index=NAME}
 * names the index file ({@code index.html} by default, empty for none). See {@link TreeHandler}.
 */
public final class HttpListenerProvider implements ListenerProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("http");
    }

    @Override
    public Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories) throws IOException {
        return TreeServer.start(HttpOptions.parse(address), blobs, directories);
    }
}
