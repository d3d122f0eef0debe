package dev.castore.composition.combinator;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in combinators, registered like any store. Combining two stores: blob
 * {@code combined} (no URL form, as in tvix/snix), directory {@code cache}
 * ({@code cache://?near=REF&far=REF[&write_through=true]}). Decorators: blob and directory
 * {@code readonly} ({@code readonly://?inner=REF}), blob {@code verifying}
 * ({@code verifying://?inner=REF}), blob {@code lru} ({@code lru://?near=REF&far=REF&max_bytes=N}),
 * blob {@code mirrored} ({@code mirrored://?a=REF&b=REF}), blob {@code sharding}
 * ({@code sharding://?shards=REF,REF[&weights=W,W][&spool_directory=PATH]}) and blob
 * {@code has-cache} ({@code has-cache://?inner=REF[&max_entries=N][&ttl=DURATION]}).
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
                        url -> new ReadonlyConfig.Directory(innerFromUrl(url))),
                Registration.of(ServiceKind.BLOB, "lru", LruBlobServiceConfig.class, CombinatorProvider::lruFromUrl),
                Registration.of(ServiceKind.BLOB, "mirrored", MirroredBlobServiceConfig.class,
                        CombinatorProvider::mirroredFromUrl),
                Registration.of(ServiceKind.BLOB, "sharding", ShardingBlobServiceConfig.class,
                        CombinatorProvider::shardingFromUrl),
                Registration.of(ServiceKind.BLOB, "has-cache", HasCacheBlobServiceConfig.class,
                        CombinatorProvider::hasCacheFromUrl));
    }

    private static CacheDirectoryServiceConfig cacheFromUrl(ServiceUrl url) {
        CombinatorUrls q = CombinatorUrls.read(url, "cache://?near=REF&far=REF[&write_through=true]",
                List.of("near", "far", "write_through"));
        return new CacheDirectoryServiceConfig(q.required("near"), q.required("far"),
                q.bool("write_through").orElse(false));
    }

    /** The {@code inner} reference of a decorator URL, {@code TYPE://?inner=REF}. */
    private static String innerFromUrl(ServiceUrl url) {
        return CombinatorUrls.read(url, url.scheme() + "://?inner=REF", List.of("inner")).required("inner");
    }

    private static LruBlobServiceConfig lruFromUrl(ServiceUrl url) {
        CombinatorUrls q = CombinatorUrls.read(url, "lru://?near=REF&far=REF&max_bytes=N",
                List.of("near", "far", "max_bytes"));
        return new LruBlobServiceConfig(q.required("near"), q.required("far"), q.bytes("max_bytes").orElse(null));
    }

    private static MirroredBlobServiceConfig mirroredFromUrl(ServiceUrl url) {
        CombinatorUrls q = CombinatorUrls.read(url, "mirrored://?a=REF&b=REF", List.of("a", "b"));
        return new MirroredBlobServiceConfig(q.required("a"), q.required("b"));
    }

    private static ShardingBlobServiceConfig shardingFromUrl(ServiceUrl url) {
        String form = "sharding://?shards=REF,REF[&weights=W,W][&spool_directory=PATH]";
        CombinatorUrls q = CombinatorUrls.read(url, form, List.of("shards", "weights", "spool_directory"));
        List<String> stores = Arrays.asList(q.required("shards").split(",", -1));
        List<String> weights = q.optional("weights").map(w -> Arrays.asList(w.split(",", -1)))
                .orElse(stores.stream().map(s -> "1").toList());
        if (weights.size() != stores.size()) {
            throw new IllegalArgumentException("weights lists " + weights.size() + " numbers for " + stores.size()
                    + " shards: " + form);
        }
        List<ShardingBlobServiceConfig.Shard> shards = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            long weight;
            try {
                weight = Long.parseLong(weights.get(i).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight '" + weights.get(i) + "' is not a whole number");
            }
            shards.add(new ShardingBlobServiceConfig.Shard(stores.get(i), weight));
        }
        return new ShardingBlobServiceConfig(shards, q.optional("spool_directory").orElse(null));
    }

    private static HasCacheBlobServiceConfig hasCacheFromUrl(ServiceUrl url) {
        CombinatorUrls q = CombinatorUrls.read(url, "has-cache://?inner=REF[&max_entries=N][&ttl=DURATION]",
                List.of("inner", "max_entries", "ttl"));
        return new HasCacheBlobServiceConfig(q.required("inner"),
                q.optional("max_entries").map(v -> dev.castore.api.spi.ConfigValues.count("max_entries", v)).orElse(null),
                q.optional("ttl").orElse(null));
    }

    public CombinatorProvider() {}
}
