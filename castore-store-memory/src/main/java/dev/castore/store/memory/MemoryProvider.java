package dev.castore.store.memory;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.util.List;

/** Registers the {@code memory} blob and directory services and their URL form {@code memory://}. */
public final class MemoryProvider implements ServiceBuilderProvider {

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, "memory", MemoryBlobServiceConfig.class, url -> {
                    checkUrl(url);
                    return new MemoryBlobServiceConfig();
                }),
                Registration.of(ServiceKind.DIRECTORY, "memory", MemoryDirectoryServiceConfig.class, url -> {
                    checkUrl(url);
                    return new MemoryDirectoryServiceConfig();
                }));
    }

    /** {@code memory://} exactly: no host, no path, no query (as tvix/snix). */
    static void checkUrl(ServiceUrl url) {
        if (!url.host().isEmpty() || !url.path().isEmpty() || url.rawQuery().isPresent()) {
            throw new IllegalArgumentException("invalid url '" + url + "': the memory store takes no host, path or "
                    + "query; use memory://");
        }
    }
}
