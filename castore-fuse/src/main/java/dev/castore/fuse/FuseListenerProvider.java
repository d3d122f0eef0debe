package dev.castore.fuse;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ListenerProvider;
import dev.castore.api.spi.ServiceUrl;
import java.io.IOException;
import java.util.Set;

/**
 * Mounts a stored tree read-only with FUSE: {@code fuse:///MOUNTPOINT?root=DIGEST}. The
 * listener's close unmounts. See {@link TreeFileSystem} for what the file system shows.
 */
public final class FuseListenerProvider implements ListenerProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("fuse");
    }

    @Override
    public Listener listen(ServiceUrl address, BlobService blobs, DirectoryService directories) throws IOException {
        return Mount.start(MountOptions.parse(address), blobs, directories);
    }
}
