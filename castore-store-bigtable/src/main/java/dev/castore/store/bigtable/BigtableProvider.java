package dev.castore.store.bigtable;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import java.util.List;

/**
 * Contributes the directory store type {@code bigtable}, configured by
 * {@link BigtableDirectoryServiceConfig} or the URL form
 * {@code bigtable://<instance>?project_id=..&table_name=..&family_name=..}.
 */
public final class BigtableProvider implements ServiceBuilderProvider {

    /** The type tag, and the URL scheme. */
    public static final String TYPE = "bigtable";

    @Override
    public List<Registration<?>> registrations() {
        return List.of(Registration.of(
                ServiceKind.DIRECTORY, TYPE, BigtableDirectoryServiceConfig.class, BigtableDirectoryServiceConfig::fromUrl));
    }
}
