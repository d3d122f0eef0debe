package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.composition.combinator.CombinedBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The contract runs with a damageable near store. */
class CombinedBlobServiceTest extends DecoratedBlobContract {

    @Override
    protected BlobService decorate(TamperableBlobService near) {
        return new CombinedBlobService(near, new MemoryBlobService());
    }

    @Test
    void readsFromFarWithoutCopyingIntoNearAndWritesOnlyNear() throws Exception {
        MemoryBlobService n = new MemoryBlobService();
        MemoryBlobService f = new MemoryBlobService();
        B3Digest inFar = Blobs.write(f, Fixtures.BLOB_B);
        CombinedBlobService combined = new CombinedBlobService(n, f);

        assertTrue(combined.has(inFar));
        assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(combined, inFar));
        assertFalse(n.has(inFar), "reads do not populate near");

        B3Digest written = Blobs.write(combined, Fixtures.HELLOWORLD_BLOB);
        assertTrue(n.has(written));
        assertFalse(f.has(written), "far is never written");
        assertEquals(1, f.size());
    }
}
