package dev.castore.composition;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.testkit.BlobServiceContract;

/**
 * The blob contract on a service in front of one damageable store: the tests corrupt that store,
 * and the service under test must not serve the damage.
 */
abstract class DecoratedBlobContract extends BlobServiceContract {

    private TamperableBlobService inner;

    /** The service under test, in front of {@code inner}. */
    protected abstract BlobService decorate(TamperableBlobService inner);

    /** The store behind the service under test: one that verifies what it serves, unless overridden. */
    protected TamperableBlobService newInner() {
        return new TamperableBlobService("inner");
    }

    @Override
    protected final BlobService newBlobService() {
        inner = newInner();
        return decorate(inner);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) {
        inner.tamper(digest);
    }
}
