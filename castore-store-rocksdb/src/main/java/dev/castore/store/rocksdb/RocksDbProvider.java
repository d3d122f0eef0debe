package dev.castore.store.rocksdb;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.store.rocksdb.db.StoreDatabase;
import java.util.List;

/** Contributes the {@code rocksdb} blob and directory services, with their URL form {@code rocksdb:///path}. */
public final class RocksDbProvider implements ServiceBuilderProvider {

    /** The type tag. */
    public static final String TYPE = "rocksdb";

    /** Called by {@link java.util.ServiceLoader}. */
    public RocksDbProvider() {}

    /**
     * The registrations; asked for when a composition needs the {@code rocksdb} type, which opens a
     * store soon after, so the native library starts loading now (see {@link StoreDatabase#loadLibraryAhead()}).
     */
    @Override
    public List<Registration<?>> registrations() {
        StoreDatabase.loadLibraryAhead();
        return List.of(
                Registration.of(ServiceKind.BLOB, TYPE, RocksDbBlobServiceConfig.class, RocksDbBlobServiceConfig::fromUrl),
                Registration.of(ServiceKind.DIRECTORY, TYPE, RocksDbDirectoryServiceConfig.class,
                        RocksDbDirectoryServiceConfig::fromUrl));
    }
}
