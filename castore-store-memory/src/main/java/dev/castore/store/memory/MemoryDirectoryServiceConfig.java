package dev.castore.store.memory;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;

/** Config of a memory directory service ({@code {"type": "memory"}}); it has no fields. */
public record MemoryDirectoryServiceConfig() implements ServiceBuilder<DirectoryService> {
    @Override
    public DirectoryService build(String instanceName, CompositionContext context) {
        return new MemoryDirectoryService();
    }
}
