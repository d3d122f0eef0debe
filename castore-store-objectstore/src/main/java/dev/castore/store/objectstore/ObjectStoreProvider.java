package dev.castore.store.objectstore;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.util.List;

/** Contributes the {@code objectstore} blob and directory services, with their URL form {@code objectstore+...}. */
public final class ObjectStoreProvider implements ServiceBuilderProvider {

    /** The type tag. */
    public static final String TYPE = "objectstore";

    /** Called by {@link java.util.ServiceLoader}. */
    public ObjectStoreProvider() {}

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, TYPE, ObjectStoreBlobServiceConfig.class,
                        ObjectStoreBlobServiceConfig::fromUrl),
                Registration.of(ServiceKind.DIRECTORY, TYPE, ObjectStoreDirectoryServiceConfig.class,
                        ObjectStoreDirectoryServiceConfig::fromUrl));
    }
}
