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
 * tvix/snix), directory {@code cache} ({@code cache://?near=REF&far=REF}), and the decorator
 * blob and directory {@code readonly} ({@code readonly://?inner=REF}) and blob {@code verifying}
 * ({@code verifying://?inner=REF}).
 */
public final class CombinatorProvider implements ServiceBuilderProvider {

    @Override
    public List<Registration<?>> registrations() {
        return List.of(
                Registration.of(ServiceKind.BLOB, "combined", CombinedBlobServiceConfig.class),
                Registration.of(ServiceKind.DIRECTORY, "cache", CacheDirectoryServiceConfig.class,
                        CombinatorProvider::cacheFromUrl),
                Registration.of(ServiceKind.BLOB, "readonly", ReadonlyConfig.Blob.class,
                        url -> new ReadonlyConfig.Blob(innerFromUrl(url))),
                Registration.of(ServiceKind.BLOB, "verifying", VerifyingBlobServiceConfig.class,
                        url -> new VerifyingBlobServiceConfig(innerFromUrl(url))),
                Registration.of(ServiceKind.DIRECTORY, "readonly", ReadonlyConfig.Directory.class,
                        url -> new ReadonlyConfig.Directory(innerFromUrl(url))));
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

    /** The {@code inner} reference of a decorator URL, {@code TYPE://?inner=REF}. */
    private static String innerFromUrl(ServiceUrl url) {
        if (!url.host().isEmpty() || !url.path().isEmpty()) {
            throw new IllegalArgumentException("a decorator URL takes no host or path: " + url.scheme() + "://?inner=REF");
        }
        for (String key : url.query().keySet()) {
            if (!key.equals("inner")) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; accepted: inner");
            }
        }
        String inner = url.query().get("inner");
        if (inner == null) {
            throw new IllegalArgumentException("inner is required: " + url.scheme() + "://?inner=REF");
        }
        return inner;
    }

    public CombinatorProvider() {}
}
