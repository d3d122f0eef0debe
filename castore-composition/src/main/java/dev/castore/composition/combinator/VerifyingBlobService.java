package dev.castore.composition.combinator;

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
 * A blob service that does not trust its inner service's reads: {@link #open} re-hashes the blob
 * with BLAKE3 before it returns a reader, and the reader checks every segment again as it serves
 * it (see {@link VerifiedBlobReader}), so no byte that does not match the digest is ever returned.
 * Writes, {@code has}, {@code chunks} and the listing pass through; each listed chunk is verified when opened.
 */
public final class VerifyingBlobService implements BlobService {

    private final BlobService inner;

    public VerifyingBlobService(BlobService inner) {
        this.inner = inner;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return inner.has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return VerifiedBlobReader.open(inner, digest);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return inner.chunks(digest);
    }

    /** The inner store's listing, as it is: a listing serves no bytes to verify. */
    @Override
    public Optional<BlobListing> listing() {
        return inner.listing();
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return inner.openWriter();
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return inner.openWriter(durability);
    }

    @Override
    public void sync() throws IOException {
        inner.sync();
    }
}
