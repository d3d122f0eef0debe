package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/** Config of a {@code verifying} blob service: {@code inner} names the blob service it re-hashes. */
public record VerifyingBlobServiceConfig(String inner) implements ServiceBuilder<BlobService> {

    public VerifyingBlobServiceConfig {
        inner = Children.required("inner", inner, "the blob service whose reads are re-hashed");
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        return new VerifyingBlobService(Children.resolveOne(context, ServiceKind.BLOB, inner));
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.BLOB, inner, "inner"));
    }
}
