package dev.castore.store.rocksdb.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.Cursor;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.rocksdb.db.DatabaseView;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The blobs of a store database, from one snapshot of it: first every blob of two or more chunks
 * (its chunk list gives its size), then every stored chunk that no such list names, which is a
 * blob of one chunk (its size is stored next to it). The store keeps a chunk of a larger blob and
 * a blob of one chunk alike, so the second pass must know the chunks the lists name: it holds
 * their digests while it runs (about 100 bytes per chunk of a multi-chunk blob). A blob of one
 * chunk whose bytes are also a chunk of a larger blob is therefore listed only as part of that
 * blob, not on its own.
 */
final class RocksDbBlobListing implements Cursor<ListedBlob> {

    private final StoreDatabase db;
    private final DatabaseView view;
    private final Cursor<DatabaseView.Entry> lists;
    private Cursor<DatabaseView.Entry> sizes;
    /** Chunks named by the chunk lists listed so far, and those lists' own digests. */
    private final Set<B3Digest> named = new HashSet<>();

    RocksDbBlobListing(StoreDatabase db) {
        this.db = db;
        this.view = db.view();
        this.lists = view.entries(Family.BLOBS);
    }

    @Override
    public Optional<ListedBlob> next() throws IOException {
        if (sizes == null) {
            for (Optional<DatabaseView.Entry> e = lists.next(); e.isPresent(); e = lists.next()) {
                B3Digest blob = e.get().key();
                List<ChunkMeta> chunks;
                try {
                    chunks = ChunkIndex.decode(e.get().value());
                } catch (CorruptDataException ex) {
                    throw new CorruptDataException("rocksdb store " + db.directory() + ", " + blob.toHex() + ": "
                            + ex.getMessage(), ex);
                }
                if (!chunks.isEmpty()) {
                    named.add(blob);
                    chunks.forEach(c -> named.add(c.digest()));
                    return Optional.of(new ListedBlob(blob, chunks.stream().mapToLong(ChunkMeta::size).sum()));
                }
            }
            lists.close();
            sizes = view.entries(Family.SIZES);
        }
        for (Optional<DatabaseView.Entry> e = sizes.next(); e.isPresent(); e = sizes.next()) {
            if (!named.contains(e.get().key())) {
                try {
                    return Optional.of(new ListedBlob(e.get().key(), StoreDatabase.size(e.get().value())));
                } catch (CorruptDataException ex) {
                    throw new CorruptDataException("rocksdb store " + db.directory() + ", size of "
                            + e.get().key().toHex() + ": " + ex.getMessage(), ex);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        lists.close();
        if (sizes != null) {
            sizes.close();
        }
        view.close();
    }
}
