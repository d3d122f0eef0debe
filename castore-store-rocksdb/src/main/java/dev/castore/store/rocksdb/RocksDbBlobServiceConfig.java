package dev.castore.store.rocksdb;

import dev.castore.api.blob.BlobService;
import dev.castore.api.chunking.FastCdc;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.rocksdb.blob.RocksDbBlobService;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Config of a blob service of type {@code rocksdb}: FastCDC-chunked blobs in the store directory
 * {@code path}, which a directory service of the same path shares.
 *
 * @param path the store directory, absolute (required; created when missing by a build for
 *     writing, while one for reading only reads it as empty and creates nothing)
 * @param avgChunkSize the average chunk size in bytes (default 262144, as tvix/snix); chunks are
 *     at least half and at most twice that
 */
public record RocksDbBlobServiceConfig(String path, Integer avgChunkSize) implements ServiceBuilder<BlobService> {

    /** The average chunk size of tvix/snix. */
    public static final int DEFAULT_AVG_CHUNK_SIZE = 262_144;

    public RocksDbBlobServiceConfig {
        path = RocksDbPaths.check(path);
        avgChunkSize = avgChunkSize == null ? DEFAULT_AVG_CHUNK_SIZE : avgChunkSize;
        int min = FastCdc.MAXIMUM_MIN / 2;
        int max = 2 * FastCdc.MINIMUM_MAX + 1;
        if (avgChunkSize < min || avgChunkSize > max) {
            throw new IllegalArgumentException("avg_chunk_size " + avgChunkSize + " is not in " + min + ".." + max
                    + " (FastCDC needs 64 <= avg/2 <= 1048576 and 1024 <= 2*avg)");
        }
    }

    /** The config for {@code rocksdb:///absolute/path}, default chunk size. */
    public static RocksDbBlobServiceConfig fromUrl(ServiceUrl url) {
        return new RocksDbBlobServiceConfig(RocksDbPaths.fromUrl(url), null);
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        Path dir = Path.of(path);
        if (context.access() == Access.READ_ONLY && AbsentStore.at(dir)) {
            return AbsentStore.blobs(dir);
        }
        return new RocksDbBlobService(StoreDatabase.acquire(dir, context.access()), avgChunkSize);
    }
}
