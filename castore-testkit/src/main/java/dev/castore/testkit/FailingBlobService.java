package dev.castore.testkit;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import java.util.List;
import java.util.Optional;

/**
 * A blob store that is down: every lookup and every write fails with a {@link StorageException}
 * carrying the given message. For error paths only; a conformance run needs a real store.
 */
public final class FailingBlobService implements BlobService {

    private final String message;

    /** A store whose every call fails with {@code message}. */
    public FailingBlobService(String message) {
        this.message = message;
    }

    @Override
    public boolean has(B3Digest digest) throws StorageException {
        throw new StorageException(message);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws StorageException {
        throw new StorageException(message);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws StorageException {
        throw new StorageException(message);
    }

    @Override
    public BlobWriter openWriter() throws StorageException {
        throw new StorageException(message);
    }
}
