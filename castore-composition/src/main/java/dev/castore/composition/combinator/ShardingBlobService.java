package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blobs spread over several blob services by weighted rendezvous hashing of their digests
 * ({@link RendezvousHash}): each blob lives in exactly one shard, and every read asks only that
 * one. A blob's digest is known only once all of it is written, so a writer spools the bytes to a
 * temporary file while hashing them and streams them to the owning shard at commit.
 */
public final class ShardingBlobService implements BlobService {

    private final String name;
    private final List<BlobService> shards;
    private final RendezvousHash hash;
    private final Path spoolDirectory;

    public ShardingBlobService(String name, List<BlobService> shards, RendezvousHash hash, Path spoolDirectory) {
        this.name = name;
        this.shards = List.copyOf(shards);
        this.hash = hash;
        this.spoolDirectory = spoolDirectory;
    }

    /** The shard that owns {@code digest}. */
    BlobService owner(B3Digest digest) {
        return shards.get(hash.owner(digest));
    }

    /** The position of the shard that owns {@code digest}. */
    int ownerIndex(B3Digest digest) {
        return hash.owner(digest);
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return owner(digest).has(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return owner(digest).open(digest);
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        // Chunks are owned by their own digests, so a list from the blob's shard is not readable through us.
        return has(digest) ? Optional.of(List.of()) : Optional.empty();
    }

    /** When every shard can list: each shard's blobs that it owns ({@link ShardingBlobListing}). */
    @Override
    public Optional<BlobListing> listing() {
        List<BlobListing> listings = shards.stream().flatMap(s -> s.listing().stream()).toList();
        if (listings.size() < shards.size()) {
            return Optional.empty();
        }
        return Optional.of(() -> new ShardingBlobListing(this, listings));
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return openWriter(Durability.ON_COMMIT);
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return SpooledBlobWriter.create(spoolDirectory, digest -> owner(digest).openWriter(durability),
                "sharding blob service '" + name + "'");
    }

    @Override
    public void sync() throws IOException {
        for (BlobService s : shards) {
            s.sync();
        }
    }

    @Override
    public int callsInFlight() {
        return shards.stream().mapToInt(BlobService::callsInFlight).max().orElse(0);
    }
}
