package dev.castore.store.rocksdb.db;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the store tunes RocksDB, and why. Memory is bounded for a command that must stay small
 * (an import under 256 MiB of RSS, JVM included): memtables that the store flushes at 16 MiB of
 * writes (see {@code StoreDatabase}), an 8 MiB block cache. Chunks of 512 bytes and more live in
 * the store's pack files, outside RocksDB (see {@code PackFiles}); in stores written before them,
 * values of 512 bytes and more are in RocksDB's blob files, outside the LSM tree, so compactions
 * move keys and never rewrite the data. Tables and blob files are LZ4-compressed, as borg does by
 * default. Atomic flush keeps the column families consistent for writes that skip the write-ahead
 * log (see {@link StoreDatabase}).
 *
 * <p>Compactions. Every flush of an import leaves a table file in level 0 of each family it
 * wrote; with RocksDB's default of compacting at four such files and values under 4 KiB in the
 * tables, an import of 900 MB rewrote the chunks family's small values at every fourth flush
 * (0.8 of 11 CPU-s). With values from 512 bytes in blob files and compactions at
 * {@value #L0_COMPACTION_TRIGGER} files that is 0.2 CPU-s. More level-0 files cost every lookup
 * a bloom filter each: at 16 a second import of the same tree (46,000 lookups) took 0.5 CPU-s
 * more, at 8 no more than before.
 */
final class DatabaseOptions implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DatabaseOptions.class);

    /**
     * Far above the store's own flush point (StoreDatabase.FLUSH_AT): RocksDB never flushes a
     * memtable for being full, since an index entry must not become durable before the packs are
     * synced. Memory grows by arena blocks as entries are written, not by the memtable's size.
     */
    private static final long MEMTABLE = 128L << 20;
    private static final long ARENA_BLOCK = 1L << 20;
    /**
     * Smaller values stay in the table files: a blob record costs a 32-byte header and the key
     * again, and reading it a file read instead of a cached block.
     */
    private static final long MIN_BLOB_SIZE = 512;
    private static final int L0_COMPACTION_TRIGGER = 8;
    private static final long BLOB_FILE_SIZE = 256L << 20;

    private final List<AbstractNativeReference> owned = new ArrayList<>();
    private final LRUCache blockCache = own(new LRUCache(8L << 20));
    private final DBOptions database = own(new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setAtomicFlush(true)
            .setMaxBackgroundJobs(3)
            // Two flushes at once: chosen when flushes wrote the chunks' blob files (now in packs), not
            // measured again since.
            .setMaxBackgroundFlushes(2)
            .setMaxOpenFiles(512)
            // At open RocksDB starts this many threads less one per column family to open table
            // files, however few there are: 75 thread starts for the five families at every
            // command. The calling thread alone opens them (at most a quarter of max_open_files).
            .setMaxFileOpeningThreads(1)
            .setBytesPerSync(1L << 20)
            .setWalBytesPerSync(1L << 20)
            .setKeepLogFileNum(3)
            .setMaxManifestFileSize(16L << 20)
            // The store flushes the memtables itself before it closes, once the packs are synced
            // (StoreDatabase.release): closing never flushes index entries into unsynced packs.
            .setAvoidFlushDuringShutdown(true)
            // The store starts every flush itself (see StoreDatabase): no flush for the log's size.
            .setMaxTotalWalSize(1L << 30));

    DBOptions database() {
        return database;
    }

    /**
     * These options for an open that only reads: RocksDB's info log goes to this process's log,
     * errors only, instead of to a {@code LOG} file in the store (which it would make after
     * renaming the last one), so that a reader writes nothing in the store and needs no write
     * permission on it: a store that another user owns is read as it is.
     */
    DatabaseOptions forReading() {
        database.setLogger(own(new Logger(InfoLogLevel.ERROR_LEVEL) {
            @Override
            protected void log(InfoLogLevel level, String message) {
                LOG.warn("rocksdb: {}", message);
            }
        }));
        return this;
    }

    /** The default column family: nothing but the format marker. */
    ColumnFamilyOptions metadata() {
        return own(new ColumnFamilyOptions().setWriteBufferSize(MEMTABLE).setArenaBlockSize(ARENA_BLOCK)
                .setMaxWriteBufferNumber(2).setTableFormatConfig(table()));
    }

    ColumnFamilyOptions family(Family family) {
        ColumnFamilyOptions o = own(new ColumnFamilyOptions())
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table())
                .setWriteBufferSize(MEMTABLE)
                .setArenaBlockSize(ARENA_BLOCK)
                .setMaxWriteBufferNumber(4)
                .setLevel0FileNumCompactionTrigger(L0_COMPACTION_TRIGGER);
        if (family == Family.CHUNKS) {
            o.setEnableBlobFiles(true)
                    .setMinBlobSize(MIN_BLOB_SIZE)
                    .setBlobFileSize(BLOB_FILE_SIZE)
                    .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
                    // Nothing is ever deleted, so blob files hold no garbage worth collecting; with
                    // collection on, compactions rewrote the oldest blob files during an import.
                    .setEnableBlobGarbageCollection(false);
        }
        return o;
    }

    private BlockBasedTableConfig table() {
        return new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(own(new BloomFilter(10)))
                .setCacheIndexAndFilterBlocks(true);
    }

    private <T extends AbstractNativeReference> T own(T reference) {
        owned.add(reference);
        return reference;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }
}
