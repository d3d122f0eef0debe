package dev.castore.store.objectstore.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.ZstdOutputStream;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.layout.ObjectKeys;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing blobs laid out by other writers, and objects that are not blobs. */
class ObjectStoreBlobListingTest {

    private final MemoryObjectStore store = new MemoryObjectStore("memory:///");
    private final ObjectStoreBlobService service = new ObjectStoreBlobService(store, 262_144);

    @Test
    void aOneChunkBlobWhoseFrameDoesNotStateItsSizeIsListedWithItsDecompressedSize() throws Exception {
        // Rust's streaming zstd encoder writes frames without a content size.
        byte[] data = Fixtures.randomBytes(71, 5000);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(frame, 3)) {
            out.write(data);
        }
        B3Digest digest = Blake3.hash(data);
        store.put(ObjectKeys.chunk(digest), frame.toByteArray());
        store.put(ObjectKeys.blob(digest), new byte[0]);
        try (var blobs = service.list()) {
            assertEquals(List.of(new ListedBlob(digest, 5000)), blobs.toList());
        }
    }

    @Test
    void objectsUnderBlobsWhoseKeysAreNotBlobKeysAreNotListed() throws Exception {
        B3Digest digest = Blobs.write(service, Fixtures.HELLOWORLD_BLOB);
        store.put("blobs/b3/README", new byte[] {1});
        store.put("blobs/b3/0000/" + digest.toHex(), new byte[0]); // under the wrong fan-out directory
        try (var blobs = service.list()) {
            assertEquals(List.of(new ListedBlob(digest, 12)), blobs.toList());
        }
    }

    @Test
    void aBlobWhoseChunkListIsDeletedWhileListingIsLeftOut() throws Exception {
        B3Digest first = Blobs.write(service, Fixtures.BLOB_A);
        B3Digest second = Blobs.write(service, Fixtures.HELLOWORLD_BLOB);
        try (var blobs = service.list()) {
            B3Digest listed = blobs.next().orElseThrow().digest();
            service.delete(listed.equals(first) ? second : first);
            assertEquals(java.util.Optional.empty(), blobs.next());
        }
    }
}
