package dev.castore.store.objectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.chunking.FastCdc;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.blob.ObjectStoreBlobService;
import dev.castore.store.objectstore.directory.ObjectStoreDirectoryService;
import dev.castore.store.objectstore.layout.ObjectKeys;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Objects that decompress to far more than they weigh: a reader stops at the limit (a chunk:
 * FastCDC's largest chunk; a closure frame: a directory's longest encoding) instead of
 * allocating what the object claims. The test's heap (200 MiB) is smaller than the bombs.
 */
class DecompressionBombTest {

    @Test
    void aChunkThatInflatesBeyondTheLargestChunkIsCorrupt() throws Exception {
        MemoryObjectStore store = new MemoryObjectStore("memory:///");
        B3Digest digest = Blake3.hash(new byte[] {1});
        // 1 GiB of zeros in about 32 KiB.
        byte[] bomb = Zstd.compress(new byte[64 << 20], 19);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            frames.writeBytes(bomb);
        }
        store.put(ObjectKeys.chunk(digest), frames.toByteArray());
        store.put(ObjectKeys.blob(digest), new byte[0]);
        ObjectStoreBlobService blobs = new ObjectStoreBlobService(store, 262_144);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> {
            try (BlobReader r = blobs.open(digest).orElseThrow()) {
                r.read(ByteBuffer.allocate(1 << 16));
            }
        });
        assertTrue(e.getMessage().contains("decompresses to more than " + FastCdc.MAXIMUM_MAX + " bytes"), e.getMessage());
    }

    @Test
    void aClosureFrameLongerThanADirectoryMayBeIsRefusedBeforeItIsRead() throws Exception {
        MemoryObjectStore store = new MemoryObjectStore("memory:///");
        B3Digest root = Directory.EMPTY.digest();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(Directory.MAX_ENCODED_LENGTH + 1);
            out.write(new byte[1 << 20]);
        }
        store.put(ObjectKeys.directories(root), Zstd.compress(raw.toByteArray()));
        ObjectStoreDirectoryService directories = new ObjectStoreDirectoryService(store);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> directories.get(root));
        assertEquals("memory:/// " + ObjectKeys.directories(root) + ": frame of 67108865 bytes exceeds the limit of 67108864",
                e.getMessage());
    }
}
