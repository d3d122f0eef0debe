package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.composition.combinator.VerifyingBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract runs over an inner store that serves whatever it holds without checking it. */
class VerifyingBlobServiceTest extends DecoratedBlobContract {

    @Override
    protected TestStores.TamperableBlobService newInner() {
        return TestStores.TamperableBlobService.unchecked("inner");
    }

    @Override
    protected BlobService decorate(TestStores.TamperableBlobService inner) {
        return new VerifyingBlobService(inner);
    }

    @Test
    void aBlobThatDoesNotHashToItsDigestIsRefusedAtOpen() throws Exception {
        TestStores.TamperableBlobService store = TestStores.TamperableBlobService.unchecked("inner");
        B3Digest digest = Blobs.write(store, Fixtures.BLOB_B);
        store.flip(digest, Fixtures.BLOB_B.length - 1);
        VerifyingBlobService verifying = new VerifyingBlobService(store);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> verifying.open(digest));
        assertTrue(e.getMessage().startsWith("blob " + digest.toHex() + " read from the inner store hashes to "),
                e.getMessage());
    }

    @Test
    void bytesChangedAfterOpenAreNotServedAndTheSegmentBeforeThemIs() throws Exception {
        TestStores.TamperableBlobService store = TestStores.TamperableBlobService.unchecked("inner");
        byte[] data = new byte[(3 << 20) + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 11));
        }
        B3Digest digest = Blobs.write(store, data);
        VerifyingBlobService verifying = new VerifyingBlobService(store);
        try (BlobReader r = verifying.open(digest).orElseThrow()) {
            store.flip(digest, (2 << 20) + 5);
            ByteBuffer firstTwo = ByteBuffer.allocate(2 << 20);
            while (firstTwo.hasRemaining()) {
                r.read(firstTwo);
            }
            assertArrayEquals(java.util.Arrays.copyOf(data, 2 << 20), firstTwo.array());
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> r.read(ByteBuffer.allocate(1)));
            assertEquals("blob " + digest.toHex() + ": bytes 2097152..3145728 changed in the inner store since "
                    + "they were verified; not served", e.getMessage());
        }
    }

    /** Counts the opens of its store's blobs. */
    private static final class CountingOpens extends ForwardingBlobService {
        final AtomicInteger opens = new AtomicInteger();

        CountingOpens(BlobService delegate) {
            super(delegate);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            opens.incrementAndGet();
            return super.open(digest);
        }
    }

    @Test
    void aBlobOfOneSegmentIsReadFromTheInnerStoreOnceAndEverySizeComesBackWhole() throws Exception {
        int first = 16 * 1024; // the first pass's first buffer
        int segment = 1 << 20;
        for (int size : new int[] {0, 1, first - 1, first, first + 1, 3 * first + 5, segment - 1, segment, segment + 1,
                2 * segment, 2 * segment + first}) {
            CountingOpens store = new CountingOpens(new MemoryBlobService());
            byte[] data = new byte[size];
            new java.util.Random(size).nextBytes(data);
            B3Digest digest = Blobs.write(store, data);
            VerifyingBlobService verifying = new VerifyingBlobService(store);
            assertArrayEquals(data, Blobs.readAll(verifying, digest), "size " + size);
            assertEquals(size <= segment ? 1 : 2, store.opens.get(), "opens of a blob of " + size + " bytes");
        }
    }

    @Test
    void readsFromAMemoryStoreMatchAndSeeksLandInTheRightSegment() throws Exception {
        MemoryBlobService store = new MemoryBlobService();
        byte[] data = new byte[(2 << 20) + 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i ^ (i >>> 8));
        }
        B3Digest digest = Blobs.write(store, data);
        VerifyingBlobService verifying = new VerifyingBlobService(store);
        assertArrayEquals(data, Blobs.readAll(verifying, digest));
        try (BlobReader r = verifying.open(digest).orElseThrow()) {
            ByteBuffer b = ByteBuffer.allocate(4);
            r.position((1 << 20) + (1 << 20) - 1).read(b);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, (2 << 20) - 1, (2 << 20) + 3), b.array());
        }
        assertEquals(Optional.empty(), verifying.open(Blake3.hash(new byte[] {1})));
    }
}
