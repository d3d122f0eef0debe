package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/** Config of a {@code mirrored} blob service: {@code a} and {@code b} name the two blob services that mirror each other. */
public record MirroredBlobServiceConfig(String a, String b) implements ServiceBuilder<BlobService> {

    public MirroredBlobServiceConfig {
        a = Children.required("a", a, "the first of the two mirrored blob services");
        b = Children.required("b", b, "the second of the two mirrored blob services");
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        Children<BlobService> c = Children.resolve(context, ServiceKind.BLOB, a, b);
        return new MirroredBlobService(instanceName, c.near(), c.far());
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.BLOB, a, "a"), new ServiceReference(ServiceKind.BLOB, b, "b"));
    }

    /** A read repairs the side that misses a blob. */
    @Override
    public boolean writesWhenRead() {
        return true;
    }
}
