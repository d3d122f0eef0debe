package dev.castore.benchmarks.engines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * RocksDB with its blob files for values of 4 KiB and more. {@code wal}: every write goes to the
 * write-ahead log, made durable by one WAL sync at the end; otherwise writes skip the WAL and the
 * end flushes the memtables (data written once instead of twice).
 */
final class RocksEngine implements Engine {

    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final WriteOptions writes;
    private final boolean wal;
    private final DBOptions options;
    private final ColumnFamilyOptions cfOptions;

    RocksEngine(Path dir, boolean wal, CompressionType compression) throws IOException {
        RocksDB.loadLibrary();
        this.wal = wal;
        this.options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setAtomicFlush(true).setMaxBackgroundJobs(2);
        this.cfOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(32L << 20).setMaxWriteBufferNumber(3)
                .setEnableBlobFiles(true).setMinBlobSize(4096).setBlobFileSize(256L << 20)
                .setCompressionType(compression).setBlobCompressionType(compression)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(new LRUCache(16L << 20)));
        List<ColumnFamilyDescriptor> cfs = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                new ColumnFamilyDescriptor("blobs".getBytes(), cfOptions));
        try {
            this.db = RocksDB.open(options, dir.toString(), cfs, handles);
        } catch (RocksDBException e) {
            throw new IOException(e);
        }
        this.writes = new WriteOptions().setDisableWAL(!wal);
    }

    @Override
    public boolean has(byte[] digest) {
        return db.keyExists(handles.get(0), digest);
    }

    @Override
    public void putChunk(byte[] digest, byte[] data) throws IOException {
        try {
            db.put(handles.get(0), writes, digest, data);
        } catch (RocksDBException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void putIndex(byte[] digest, byte[] index) throws IOException {
        try {
            db.put(handles.get(1), writes, digest, index);
        } catch (RocksDBException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void sync() throws IOException {
        try {
            if (wal) {
                db.flushWal(true);
            } else {
                try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
                    db.flush(f, handles);
                }
            }
        } catch (RocksDBException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        writes.close();
        options.close();
        cfOptions.close();
    }
}
