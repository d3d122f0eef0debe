package dev.castore.store.objectstore.blob;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.objectstore.spi.ObjectStore;

/** Opens the package-private parts of the blob service to tests in other packages. */
public final class BlobServiceAccess {

    private BlobServiceAccess() {}

    public static ObjectStoreBlobService blobService(ObjectStore store) {
        return blobService(store, 262_144);
    }

    public static ObjectStoreBlobService blobService(ObjectStore store, int avgChunkSize) {
        return new ObjectStoreBlobService(store, avgChunkSize);
    }

    public static ObjectStore store(BlobService service) {
        return ((ObjectStoreBlobService) service).store();
    }

    public static String corrupt(BlobService service, B3Digest digest) throws Exception {
        return StoreCorruption.flipAByteOfTheFirstChunk((ObjectStoreBlobService) service, digest);
    }
}
