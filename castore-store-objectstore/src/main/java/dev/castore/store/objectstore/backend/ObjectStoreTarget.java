package dev.castore.store.objectstore.backend;

import java.nio.file.Path;

/**
 * An object store's typed settings, read once from its URL and options by
 * {@link ObjectStores#target}: what {@link #open()} needs and nothing to parse again.
 */
public sealed interface ObjectStoreTarget {

    /** A new store client for these settings. */
    ObjectStore open();

    /** A bucket (and key prefix, no leading or trailing {@code /}) of an S3 server. */
    record S3(String bucket, String prefix, S3Options options) implements ObjectStoreTarget {
        @Override
        public ObjectStore open() {
            return new S3ObjectStore(bucket, prefix, options);
        }
    }

    /** A directory of the local file system. */
    record LocalFiles(Path root) implements ObjectStoreTarget {
        @Override
        public ObjectStore open() {
            return new LocalFileObjectStore(root);
        }
    }

    /** A store in this process's memory, named by its URL. */
    record Memory(String url) implements ObjectStoreTarget {
        @Override
        public ObjectStore open() {
            return new MemoryObjectStore(url);
        }
    }
}
