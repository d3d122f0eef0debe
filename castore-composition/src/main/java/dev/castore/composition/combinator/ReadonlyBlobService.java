package dev.castore.composition.combinator;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A blob service that serves its inner service's reads and refuses every write with an
 * {@link InvalidRequestException} naming the instance. The inner service is closed by the
 * composition that built it, not here.
 */
public final class ReadonlyBlobService implements BlobService {

    private final String name;
    private final BlobService inner;

    public ReadonlyBlobService(String name, BlobService inner) {
        this.name = name;
        this.inner = inner;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return inner.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return inner.open(digest);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return inner.chunks(digest);
    }

    /** The inner store's listing: its blobs are the ones served here. */
    @Override
    public Optional<BlobListing> listing() {
        return inner.listing();
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        throw refused("blob", name);
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        throw refused("blob", name);
    }

    /** Nothing is ever written through this service, so there is nothing to make durable. */
    @Override
    public void sync() {}

    static InvalidRequestException refused(String kind, String name) {
        return new InvalidRequestException(kind + " service '" + name + "' is read-only (type readonly): writes are refused");
    }
}
