package dev.castore.composition.combinator;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.io.IOException;
import java.util.List;

/**
 * Config of a {@code combined} blob service: {@code near} and {@code far} name two blob
 * services (tvix's {@code local}/{@code remote} are accepted too).
 */
public record CombinedBlobServiceConfig(@JsonAlias("local") String near, @JsonAlias("remote") String far)
        implements ServiceBuilder<BlobService> {

    public CombinedBlobServiceConfig {
        near = Children.required("near", near, "the blob service tried first; tvix calls it local");
        far = Children.required("far", far, "the blob service tried second; tvix calls it remote");
    }

    @Override
    public BlobService build(String instanceName, CompositionContext context) throws IOException {
        Children<BlobService> c = Children.resolve(context, ServiceKind.BLOB, near, far);
        return new CombinedBlobService(c.near(), c.far());
    }

    @Override
    public List<ServiceReference> references() {
        return List.of(new ServiceReference(ServiceKind.BLOB, near, "near"), new ServiceReference(ServiceKind.BLOB, far, "far"));
    }
}
