package dev.castore.store.rocksdb.db;

import dev.castore.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A shared lock on the store's RocksDB {@code LOCK} file, held by a process that opens the store
 * read-only. A read-only RocksDB open takes no lock of its own, and a writer's flushes and
 * compactions delete the files a reader is reading; RocksDB's read-write open locks the same
 * file exclusively (a POSIX record lock), so readers and a writer exclude each other as two
 * writers do, while readers share the store.
 */
final class ReadersLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ReadersLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The shared lock of the store in {@code dir}; empty when it has no lock file (a store never
     * opened for writing).
     *
     * @throws StorageException when a writer holds the store
     */
    static Optional<ReadersLock> take(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                throw StoreDatabase.inUse(dir);
            }
            return Optional.of(new ReadersLock(channel, lock));
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
