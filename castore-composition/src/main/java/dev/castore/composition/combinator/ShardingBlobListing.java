package dev.castore.composition.combinator;

import dev.castore.api.Cursor;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.ListedBlob;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The blobs of a {@link ShardingBlobService}: each shard's listing in turn, keeping only the
 * blobs that shard owns, since a blob another shard owns (left there when the weights changed)
 * is not served through the sharding service.
 */
final class ShardingBlobListing implements Cursor<ListedBlob> {

    private final ShardingBlobService sharding;
    private final List<BlobListing> shards;
    private int shard = -1;
    private Cursor<ListedBlob> current = Cursor.of(List.of());

    ShardingBlobListing(ShardingBlobService sharding, List<BlobListing> shards) {
        this.sharding = sharding;
        this.shards = List.copyOf(shards);
    }

    @Override
    public Optional<ListedBlob> next() throws IOException {
        while (true) {
            for (Optional<ListedBlob> b = current.next(); b.isPresent(); b = current.next()) {
                if (sharding.ownerIndex(b.get().digest()) == shard) {
                    return b;
                }
            }
            current.close();
            if (++shard == shards.size()) {
                current = Cursor.of(List.of());
                return Optional.empty();
            }
            current = shards.get(shard).list();
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
