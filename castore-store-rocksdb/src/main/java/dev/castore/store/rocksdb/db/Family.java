package dev.castore.store.rocksdb.db;

import java.nio.charset.StandardCharsets;

/** The column families of a store database; every key is a 32-byte BLAKE3 digest. */
public enum Family {

    /**
     * Chunks of fewer than {@code StoreDatabase.INLINE_LIMIT} bytes, and every chunk of a store
     * written before chunks went to pack files; a blob of one chunk is that chunk (its digest is
     * the blob's).
     */
    CHUNKS("chunks"),

    /** The chunk list (a {@code StatBlobResponse}) of each blob of two or more chunks. */
    BLOBS("blobs"),

    /** Directories in their canonical encoding. */
    DIRECTORIES("directories"),

    /**
     * The size (unsigned varint) of every stored chunk, written in the same batch as the chunk:
     * whether a chunk or a one-chunk blob is stored is answered from here, without reading its
     * bytes, which RocksDB would otherwise fetch from a blob file just to say it exists.
     */
    SIZES("sizes"),

    /**
     * Where each chunk kept in a pack file is ({@code PackLocation}), written in the same batch
     * as its size, after the chunk's bytes were appended to the pack.
     */
    LOCATIONS("locations");

    private final String columnFamily;

    Family(String columnFamily) {
        this.columnFamily = columnFamily;
    }

    byte[] columnFamilyName() {
        return columnFamily.getBytes(StandardCharsets.US_ASCII);
    }
}
