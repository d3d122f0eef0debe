package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Remembers for a while which blobs a slow store has, so that repeated {@code has} questions (an
 * import asks before every upload) do not each cost a round trip. Only "yes" is remembered: a
 * content-addressed store only gains blobs in normal use, so a "yes" stays true (until an
 * eviction or a deletion, which the time to live bounds), while a remembered "no" would hide a
 * blob written meanwhile through another path for the whole time to live. A commit through this
 * service and an {@code open} that finds the blob count as a "yes"; an {@code open} that misses
 * forgets it. Everything else passes through.
 */
public final class HasCacheBlobService extends ForwardingBlobService {

    private final ExistenceCache cache;

    public HasCacheBlobService(BlobService inner, int maxEntries, Duration ttl, InstantSource clock) {
        super(inner);
        this.cache = new ExistenceCache(maxEntries, ttl, clock);
    }

    /** Digests remembered now (expired ones included until they are looked up or pushed out). */
    public int remembered() {
        return cache.size();
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        if (cache.knows(digest)) {
            return true;
        }
        boolean has = super.has(digest);
        if (has) {
            cache.remember(digest);
        }
        return has;
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        Optional<BlobReader> r = super.open(digest);
        if (r.isPresent()) {
            cache.remember(digest);
        } else {
            cache.forget(digest);
        }
        return r;
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return remembering(super.openWriter());
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return remembering(super.openWriter(durability));
    }

    private BlobWriter remembering(BlobWriter w) {
        return new ForwardingBlobWriter(w) {
            @Override
            public B3Digest commit() throws IOException {
                B3Digest d = super.commit();
                cache.remember(d);
                return d;
            }
        };
    }

    /** The inner store's listing, which remembers nothing. */
    @Override
    public Optional<BlobListing> listing() {
        return delegate().listing();
    }
}
