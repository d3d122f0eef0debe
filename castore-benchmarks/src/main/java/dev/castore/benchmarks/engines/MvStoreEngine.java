package dev.castore.benchmarks.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore (log-structured, copy-on-write B-trees): maps of byte arrays, the background
 * writer committing as it likes, and one commit and sync at the end.
 */
final class MvStoreEngine implements Engine {

    private final MVStore store;
    private final MVMap<byte[], byte[]> chunks;
    private final MVMap<byte[], byte[]> blobs;

    MvStoreEngine(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).cacheSize(16).open();
        chunks = store.openMap("chunks");
        blobs = store.openMap("blobs");
    }

    @Override
    public boolean has(byte[] digest) {
        return chunks.containsKey(digest);
    }

    @Override
    public void putChunk(byte[] digest, byte[] data) {
        chunks.put(digest, data);
    }

    @Override
    public void putIndex(byte[] digest, byte[] index) {
        blobs.put(digest, index);
    }

    @Override
    public void sync() {
        store.commit();
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
