package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.composition.combinator.ReadonlyBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The read-only service refuses writes, so the contract runs on a view that reads through it and
 * writes to its inner service: everything read is what the read-only service served.
 */
class ReadonlyBlobServiceTest extends DecoratedBlobContract {

    @Override
    protected BlobService decorate(TamperableBlobService inner) {
        return TestStores.readingThrough(new ReadonlyBlobService("ro", inner), inner);
    }

    @Test
    void readsPassThroughAndWritesAreRefusedNamingTheInstance() throws Exception {
        MemoryBlobService store = new MemoryBlobService();
        B3Digest digest = Blobs.write(store, Fixtures.BLOB_B);
        ReadonlyBlobService readonly = new ReadonlyBlobService("archive", store);

        assertTrue(readonly.has(digest));
        assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(readonly, digest));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, readonly::openWriter);
        assertEquals("blob service 'archive' is read-only (type readonly): writes are refused", e.getMessage());
        assertThrows(InvalidRequestException.class, () -> readonly.openWriter(Durability.ON_SYNC));
        assertEquals(1, store.size(), "nothing was written to the inner service");
    }
}
