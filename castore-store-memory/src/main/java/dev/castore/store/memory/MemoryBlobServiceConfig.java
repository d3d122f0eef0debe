package dev.castore.store.memory;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;

/** Config of a memory blob service ({@code {"type": "memory"}}); it has no fields. */
public record MemoryBlobServiceConfig() implements ServiceBuilder<BlobService> {
    @Override
    public BlobService build(String instanceName, CompositionContext context) {
        return new MemoryBlobService();
    }
}
