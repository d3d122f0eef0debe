package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ConfigValues;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Config of a {@code has-cache} blob service: {@code inner} names the slow blob service whose
 * positive {@code has} answers are remembered, at most {@code max_entries} of them (default
 * 100000, about 10 MiB) for {@code ttl} each (a duration, default {@code 5min}).
 */
public record HasCacheBlobServiceConfig(String inner, Integer maxEntries, String ttl) implements ServiceBuilder<BlobService> {

    public HasCacheBlobServiceConfig {
        inner = Children.required("inner", inner, "the blob service whose answers to has are remembered");
        if (maxEntries == null) {
            maxEntries = 100_000;
        }
        if (maxEntries < 0) {
            throw new IllegalArgumentException("max_entries " + maxEntries + " is negative");
        }
        if (ttl == null) {
            ttl = "5min";
        }
        ConfigValues.duration("ttl", ttl);
    }

    /** The time to live, read once. */
    public Duration timeToLive() {
        return ConfigValues.duration("ttl", ttl);
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        return new HasCacheBlobService(Children.resolveOne(context, ServiceKind.BLOB, inner), maxEntries, timeToLive(),
                InstantSource.system());
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.BLOB, inner, "inner"));
    }
}
