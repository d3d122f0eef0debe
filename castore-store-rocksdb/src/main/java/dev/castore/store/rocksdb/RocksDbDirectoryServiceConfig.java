package dev.castore.store.rocksdb;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.rocksdb.db.StoreDatabase;
import dev.castore.store.rocksdb.directory.RocksDbDirectoryService;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Config of a directory service of type {@code rocksdb}: directories in the store directory
 * {@code path}, which a blob service of the same path shares.
 *
 * @param path the store directory, absolute (required; created when missing by a build for
 *     writing, while one for reading only reads it as empty and creates nothing)
 */
public record RocksDbDirectoryServiceConfig(String path) implements ServiceBuilder<DirectoryService> {

    public RocksDbDirectoryServiceConfig {
        path = RocksDbPaths.check(path);
    }

    /** The config for {@code rocksdb:///absolute/path}. */
    public static RocksDbDirectoryServiceConfig fromUrl(ServiceUrl url) {
        return new RocksDbDirectoryServiceConfig(RocksDbPaths.fromUrl(url));
    }

    @Override
    public DirectoryService build(String instanceName, CompositionContext context) throws IOException {
        Path dir = Path.of(path);
        if (context.access() == Access.READ_ONLY && AbsentStore.at(dir)) {
            return AbsentStore.directories(dir);
        }
        return new RocksDbDirectoryService(StoreDatabase.acquire(dir, context.access()));
    }
}
