package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/**
 * Config of a {@code readonly} blob or directory service: {@code inner} names the service of the
 * same kind whose reads it serves; writes are refused.
 */
public sealed interface ReadonlyConfig {

    /** The referenced service whose reads are served. */
    String inner();

    /** {@code readonly} over a blob service. */
    record Blob(String inner) implements ReadonlyConfig, ServiceBuilder<BlobService> {
        public Blob {
            inner = Children.required("inner", inner, "the service whose reads are served");
        }

        @Override
        public BlobService build(String instanceName, CompositionContext context) throws IOException {
            return new ReadonlyBlobService(instanceName, Children.resolveOne(context, ServiceKind.BLOB, inner));
        }

        @Override
        public List<ServiceReference> references() {
            return List.of(new ServiceReference(ServiceKind.BLOB, inner, "inner"));
        }
    }

    /** {@code readonly} over a directory service. */
    record Directory(String inner) implements ReadonlyConfig, ServiceBuilder<DirectoryService> {
        public Directory {
            inner = Children.required("inner", inner, "the service whose reads are served");
        }

        @Override
        public DirectoryService build(String instanceName, CompositionContext context) throws IOException {
            return new ReadonlyDirectoryService(instanceName, Children.resolveOne(context, ServiceKind.DIRECTORY, inner));
        }

        @Override
        public List<ServiceReference> references() {
            return List.of(new ServiceReference(ServiceKind.DIRECTORY, inner, "inner"));
        }
    }
}
