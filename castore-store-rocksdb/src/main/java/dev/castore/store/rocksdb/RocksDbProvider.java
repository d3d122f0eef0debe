package dev.castore.store.rocksdb;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.util.List;

/** Contributes the {@code rocksdb} blob and directory services, with their URL form {@code rocksdb:///path}. */
public final class RocksDbProvider implements ServiceBuilderProvider {

    /** The type tag. */
    public static final String TYPE = "rocksdb";

    /** Called by {@link java.util.ServiceLoader}. */
    public RocksDbProvider() {}

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, TYPE, RocksDbBlobServiceConfig.class, RocksDbBlobServiceConfig::fromUrl),
                Registration.of(ServiceKind.DIRECTORY, TYPE, RocksDbDirectoryServiceConfig.class,
                        RocksDbDirectoryServiceConfig::fromUrl));
    }
}
