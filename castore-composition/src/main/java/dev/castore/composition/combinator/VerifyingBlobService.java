package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.Optional;

/**
 * A blob service that does not trust its inner service's reads: {@link #open} re-hashes the blob
 * with BLAKE3 before it returns a reader, and the reader checks every segment again as it serves
 * it (see {@link VerifiedBlobReader}), so no byte that does not match the digest is ever returned.
 * Writes, {@code has} and {@code chunks} pass through; each listed chunk is verified when opened.
 */
public final class VerifyingBlobService extends ForwardingBlobService {

    public VerifyingBlobService(BlobService inner) {
        super(inner);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return VerifiedBlobReader.open(delegate(), digest);
    }

    /** The inner store's listing, as it is: a listing serves no bytes to verify. */
    @Override
    public Optional<BlobListing> listing() {
        return delegate().listing();
    }
}
