package dev.castore.composition.combinator;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in combinators, registered like any store: blob {@code combined} (no URL form, as in
 * tvix/snix) and directory {@code cache} ({@code cache://?near=REF&far=REF}).
 */
public final class CombinatorProvider implements ServiceBuilderProvider {

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, "combined", CombinedBlobServiceConfig.class),
                Registration.of(ServiceKind.DIRECTORY, "cache", CacheDirectoryServiceConfig.class,
                        CombinatorProvider::cacheFromUrl));
    }

    private static CacheDirectoryServiceConfig cacheFromUrl(ServiceUrl url) {
        if (!url.host().isEmpty() || !url.path().isEmpty()) {
            throw new IllegalArgumentException("the cache URL takes no host or path: cache://?near=REF&far=REF");
        }
        Map<String, String> q = url.query();
        for (String key : q.keySet()) {
            if (!Set.of("near", "far").contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; accepted: near, far");
            }
        }
        return new CacheDirectoryServiceConfig(q.get("near"), q.get("far"));
    }

    public CombinatorProvider() {}
}
