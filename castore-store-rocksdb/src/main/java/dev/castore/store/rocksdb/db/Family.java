package dev.castore.store.rocksdb.db;

import java.nio.charset.StandardCharsets;

/** The column families of a store database; every key is a 32-byte BLAKE3 digest. */
public enum Family {

    /** Chunk bytes, and whole blobs of one chunk (for those the blob digest is the chunk digest). */
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
    SIZES("sizes");

    private final String columnFamily;

    Family(String columnFamily) {
        this.columnFamily = columnFamily;
    }

    byte[] columnFamilyName() {
        return columnFamily.getBytes(StandardCharsets.US_ASCII);
    }
}
