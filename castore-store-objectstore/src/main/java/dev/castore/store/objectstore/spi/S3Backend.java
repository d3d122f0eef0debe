package dev.castore.store.objectstore.spi;

import dev.castore.api.StorageException;
import dev.castore.api.spi.CompositionContext;
import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens stores in S3 buckets. Provided by the module {@code dev.castore.store.objectstore.s3},
 * which carries the AWS SDK; the objectstore plugin keeps it and the SDK in its extension
 * {@code s3} (the sub-directory {@code plugins/objectstore/s3/}), so that a command on
 * {@code file://} or {@code memory://} starts without resolving the SDK's 33 modules.
 */
public interface S3Backend {

    /** The name of the objectstore plugin's extension that holds the provider. */
    String EXTENSION = "s3";

    /**
     * A store for {@code bucket} with keys below {@code prefix} (no leading or trailing {@code /};
     * may be empty), configured by {@code options}; nothing is sent yet.
     */
    ObjectStore open(String bucket, String prefix, S3Options options);

    /**
     * The provider: through this module's class loader when it is there (the module or class
     * path), else from the plugin's extension, which {@code context} loads.
     *
     * @param context where this store is built; {@code null} when not in a composition
     * @throws StorageException when no provider is installed, saying where it belongs
     * @throws IOException when the extension is there but cannot be loaded
     */
    static S3Backend find(CompositionContext context) throws IOException {
        // This module's class loader: the named modules of its layer and those above, and the
        // class path (META-INF/services) when that is the application's loader.
        Optional<S3Backend> found = ServiceLoader.load(S3Backend.class, S3Backend.class.getClassLoader()).findFirst();
        if (found.isEmpty() && context != null) {
            Optional<ModuleLayer> extension = context.extension(S3Backend.class.getModule(), EXTENSION);
            if (extension.isPresent()) {
                found = ServiceLoader.load(extension.get(), S3Backend.class).findFirst();
            }
        }
        return found.orElseThrow(() -> new StorageException("no S3 client is installed: the module "
                + "dev.castore.store.objectstore.s3 and the AWS SDK belong in the objectstore plugin's directory " + EXTENSION
                + "/ (plugins/objectstore/" + EXTENSION + "/ of the image), or on the module path"));
    }
}
