package dev.castore.store.objectstore.backend;

import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.store.objectstore.spi.ObjectStore;
import dev.castore.store.objectstore.spi.S3Backend;
import dev.castore.store.objectstore.spi.S3Options;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An object store's typed settings, read once from its URL and options by
 * {@link ObjectStores#target}: what {@link #open} needs and nothing to parse again.
 */
public sealed interface ObjectStoreTarget {

    /**
     * A new store client for these settings.
     *
     * @param context the composition building the store, which loads the plugin's S3 extension;
     *     {@code null} outside of one
     */
    ObjectStore open(CompositionContext context) throws IOException;

    /** A bucket (and key prefix, no leading or trailing {@code /}) of an S3 server. */
    record S3(String bucket, String prefix, S3Options options) implements ObjectStoreTarget {
        @Override
        public ObjectStore open(CompositionContext context) throws IOException {
            return S3Backend.find(context).open(bucket, prefix, options);
        }
    }

    /**
     * A directory of the local file system. Missing, it is an empty store, which the first write
     * creates; opened for reading only, it stays missing and a warning names it once (a mistyped
     * path reads as empty).
     */
    record LocalFiles(Path root) implements ObjectStoreTarget {
        @Override
        public ObjectStore open(CompositionContext context) {
            if (context != null && context.access() == Access.READ_ONLY) {
                LocalFileObjectStore.warnIfMissing(root);
            }
            return new LocalFileObjectStore(root);
        }
    }

    /** A store in this process's memory, named by its URL. */
    record Memory(String url) implements ObjectStoreTarget {
        @Override
        public ObjectStore open(CompositionContext context) {
            return new MemoryObjectStore(url);
        }
    }
}
