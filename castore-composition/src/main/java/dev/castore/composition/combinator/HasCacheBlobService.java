package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
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
public final class HasCacheBlobService implements BlobService {

    private final BlobService inner;
    private final ExistenceCache cache;

    public HasCacheBlobService(BlobService inner, int maxEntries, Duration ttl, InstantSource clock) {
        this.inner = inner;
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
        boolean has = inner.has(digest);
        if (has) {
            cache.remember(digest);
        }
        return has;
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        Optional<BlobReader> r = inner.open(digest);
        if (r.isPresent()) {
            cache.remember(digest);
        } else {
            cache.forget(digest);
        }
        return r;
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return inner.chunks(digest);
    }

    /** The inner store's listing, which remembers nothing. */
    @Override
    public Optional<BlobListing> listing() {
        return inner.listing();
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return remembering(inner.openWriter());
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return remembering(inner.openWriter(durability));
    }

    private BlobWriter remembering(BlobWriter w) {
        return new BlobWriter() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return w.write(src);
            }

            @Override
            public B3Digest commit() throws IOException {
                B3Digest d = w.commit();
                cache.remember(d);
                return d;
            }

            @Override
            public boolean isOpen() {
                return w.isOpen();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public void sync() throws IOException {
        inner.sync();
    }
}
