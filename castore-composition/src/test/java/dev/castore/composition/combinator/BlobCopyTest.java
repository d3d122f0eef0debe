package dev.castore.composition.combinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.Blobs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A copy reads into a buffer that starts at {@link BlobCopy#FIRST_BUFFER} and doubles while the
 * reads fill it, up to {@link BlobCopy#BUFFER}: a small blob's copy does not allocate the largest.
 */
class BlobCopyTest {

    /** The capacities of the buffers a copy of {@code size} bytes read into; the copy checked. */
    private static List<Integer> readsOf(int size) throws IOException {
        MemoryBlobService from = new MemoryBlobService();
        MemoryBlobService to = new MemoryBlobService();
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        B3Digest digest = Blobs.write(from, data);
        List<Integer> capacities = new ArrayList<>();
        try (BlobReader in = new ForwardingBlobReader(from.open(digest).orElseThrow()) {
                    @Override
                    public int read(ByteBuffer dst) throws IOException {
                        capacities.add(dst.capacity());
                        return super.read(dst);
                    }
                };
                BlobWriter out = to.openWriter()) {
            assertEquals(size, BlobCopy.transfer(in, out, Long.MAX_VALUE));
            assertEquals(digest, out.commit());
        }
        assertArrayEquals(data, Blobs.readAll(to, digest));
        return capacities;
    }

    @Test
    void aSmallBlobIsReadIntoASmallBuffer() throws Exception {
        assertEquals(List.of(BlobCopy.FIRST_BUFFER), readsOf(3).stream().distinct().toList());
    }

    @Test
    void theBufferDoublesWhileTheBlobFillsIt() throws Exception {
        List<Integer> capacities = readsOf(5 * BlobCopy.BUFFER + 3).stream().distinct().toList();
        assertEquals(List.of(64 << 10, 128 << 10, 256 << 10, 512 << 10, 1 << 20), capacities);
    }
}
