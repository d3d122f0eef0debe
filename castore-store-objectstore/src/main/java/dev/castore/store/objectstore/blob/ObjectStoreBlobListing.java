package dev.castore.store.objectstore.blob;

import dev.castore.api.Cursor;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blobs of an object store: one for each chunk list under {@code blobs/b3/} (every blob has
 * one, empty for a blob of fewer than two chunks; the chunks of larger blobs have none), listed
 * as the store's listing pages arrive. The size of each costs a read of its chunk list, and for a
 * blob of one chunk a read of that chunk, whose zstd frame states it (or which is decompressed when
 * its frame does not). A blob deleted between the listing of its key and the reading of its size
 * is left out; an object whose key is not a blob key of the layout is left out with a warning.
 */
final class ObjectStoreBlobListing implements Cursor<ListedBlob> {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreBlobListing.class);
    static final String PREFIX = "blobs/b3/";

    private final ObjectStoreBlobService service;
    private final Cursor<String> keys;

    ObjectStoreBlobListing(ObjectStoreBlobService service) throws IOException {
        this.service = service;
        this.keys = service.store().list(PREFIX);
    }

    @Override
    public Optional<ListedBlob> next() throws IOException {
        for (Optional<String> key = keys.next(); key.isPresent(); key = keys.next()) {
            Optional<B3Digest> digest = digestOf(key.get());
            if (digest.isEmpty()) {
                LOG.warn("{}: {} is not a blob key of the layout ({}<hex4>/<hex64>); not listed",
                        service.store().location(), key.get(), PREFIX);
                continue;
            }
            Optional<Long> size = service.size(digest.get());
            if (size.isPresent()) {
                return Optional.of(new ListedBlob(digest.get(), size.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<B3Digest> digestOf(String key) {
        String hex = key.substring(key.lastIndexOf('/') + 1);
        try {
            B3Digest d = B3Digest.fromHex(hex);
            return ObjectKeys.blob(d).equals(key) ? Optional.of(d) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        keys.close();
    }
}
