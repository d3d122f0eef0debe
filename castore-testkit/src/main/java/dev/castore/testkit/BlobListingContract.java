package dev.castore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.Cursor;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link BlobListing}, for every store that offers it. A store's test class that
 * extends {@link BlobServiceContract} implements this interface too, and these tests run on the
 * same fresh, empty store.
 */
public interface BlobListingContract {

    /** The fresh, empty store under test ({@link BlobServiceContract#service()}). */
    BlobService service();

    /** Every blob of the store, digest to size, each listed once (a second listing of a digest fails). */
    static Map<B3Digest, Long> listAll(BlobService service) throws IOException {
        BlobListing listing = service.listing().orElseThrow(() -> new AssertionError(service + " offers no listing"));
        Map<B3Digest, Long> all = new HashMap<>();
        try (Cursor<ListedBlob> blobs = listing.list()) {
            for (Optional<ListedBlob> b = blobs.next(); b.isPresent(); b = blobs.next()) {
                Long before = all.put(b.get().digest(), b.get().size());
                assertEquals(null, before, "blob " + b.get().digest().toHex() + " listed twice");
            }
        }
        return all;
    }

    @Test
    default void anEmptyStoreListsNoBlobs() throws Exception {
        assertEquals(Map.of(), listAll(service()));
    }

    /**
     * The empty blob, small ones, one of a whole chunk, one whose chunks repeat (1 MiB of a
     * repeated pattern) and one of several distinct chunks: each listed once with its size, and
     * none of the chunks the store cut them into.
     */
    @Test
    default void listsEveryBlobOnceWithItsSizeAndNoneOfTheirChunks() throws Exception {
        List<byte[]> contents = List.of(Fixtures.EMPTY_BLOB, Fixtures.HELLOWORLD_BLOB, Fixtures.BLOB_A,
                Fixtures.randomBytes(61, 256 * 1024), Fixtures.BLOB_B, Fixtures.randomBytes(62, 1536 * 1024));
        Map<B3Digest, Long> expected = new HashMap<>();
        for (byte[] data : contents) {
            expected.put(Blobs.write(service(), data), (long) data.length);
        }
        Blobs.write(service(), Fixtures.HELLOWORLD_BLOB); // written twice, listed once
        assertEquals(expected, listAll(service()));
    }

    @Test
    default void blobsCommittedForALaterSyncAreListedBeforeAndAfterIt() throws Exception {
        byte[] data = Fixtures.randomBytes(63, 700 * 1024);
        B3Digest digest;
        try (BlobWriter w = service().openWriter(Durability.ON_SYNC)) {
            w.write(data, 0, data.length);
            digest = w.commit();
        }
        B3Digest small;
        try (BlobWriter w = service().openWriter(Durability.ON_SYNC)) {
            w.write(Fixtures.BLOB_A, 0, Fixtures.BLOB_A.length);
            small = w.commit();
        }
        Map<B3Digest, Long> expected = Map.of(digest, (long) data.length, small, 2L);
        assertEquals(expected, listAll(service()));
        service().sync();
        assertEquals(expected, listAll(service()));
    }
}
