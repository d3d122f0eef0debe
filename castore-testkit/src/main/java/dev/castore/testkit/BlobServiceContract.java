package dev.castore.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BlobService} must have. Extend it in a test class of your store,
 * return a fresh, empty store from {@link #newBlobService()} and implement {@link #corrupt}.
 *
 * <p>The large-blob test proves streaming only when the test JVM's heap is capped: it asserts
 * that the heap cannot hold the blob twice ({@link #storesBlobsOnHeap()} stores) or once (all
 * others), so run your tests with e.g. {@code -Xmx256m} (or {@code -Xmx400m} for a store that
 * keeps blobs on the heap).
 */
public abstract class BlobServiceContract extends StoreContract<BlobService> {

    /** Size of the blob that must stream through a bounded heap. */
    protected static final long LARGE_BLOB_SIZE = 256L << 20;

    /** A fresh, empty store. It is closed after each test. */
    protected abstract BlobService newBlobService() throws Exception;

    /**
     * Damages the stored bytes of {@code digest} (a multi-chunk blob of about 1 MiB) in the
     * backend, behind the store's back, e.g. flip a byte of a stored chunk. The store must then
     * fail to read it (or report it missing), never return the damaged bytes.
     */
    protected abstract void corrupt(BlobService service, B3Digest digest) throws Exception;

    /** The fresh store of the running test. */
    public BlobService service() {
        return service;
    }

    /** Whether the store keeps blob contents on the Java heap (a memory store). */
    protected boolean storesBlobsOnHeap() {
        return false;
    }

    @Override
    final BlobService openFresh() throws Exception {
        return newBlobService();
    }

    @Test
    void blobsWrittenForALaterSyncAreVisibleAtCommitAndAfterTheSync() throws Exception {
        byte[] data = Fixtures.randomBytes(41, 3 * 1024 * 1024 + 17);
        B3Digest digest;
        try (BlobWriter w = service.openWriter(Durability.ON_SYNC)) {
            w.write(data, 0, data.length);
            digest = w.commit();
        }
        assertEquals(Blake3.hash(data), digest);
        assertTrue(service.has(digest));
        assertArrayEquals(data, Blobs.readAll(service, digest));
        service.sync();
        assertTrue(service.has(digest));
        assertArrayEquals(data, Blobs.readAll(service, digest));
        service.sync(); // nothing new to sync: still fine
    }

    @Test
    void emptyBlobRoundTrips() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.EMPTY_BLOB);
        assertEquals(Fixtures.EMPTY_DIGEST, d);
        assertTrue(service.has(d));
        assertArrayEquals(new byte[0], Blobs.readAll(service, d));
    }

    @Test
    void smallBlobRoundTrips() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.HELLOWORLD_BLOB);
        assertEquals(Fixtures.HELLOWORLD_DIGEST, d);
        assertTrue(service.has(d));
        assertArrayEquals(Fixtures.HELLOWORLD_BLOB, Blobs.readAll(service, d));
    }

    @Test
    void twoByteBlobWrittenByteByByteRoundTrips() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.BLOB_A, 1);
        assertEquals(Fixtures.BLOB_A_DIGEST, d);
        assertArrayEquals(Fixtures.BLOB_A, Blobs.readAll(service, d));
    }

    @Test
    void chunkSizedBlobRoundTrips() throws Exception {
        byte[] data = Fixtures.randomBytes(1, 256 * 1024);
        B3Digest d = Blobs.write(service, data, 10_000);
        assertEquals(Blake3.hash(data), d);
        assertArrayEquals(data, Blobs.readAll(service, d));
    }

    /**
     * A writer has taken a write's bytes when {@code write} returns: the caller may reuse or
     * release the buffer (a server hands over views of its transport's buffers, released right
     * after). Written here from one direct buffer, refilled for each write and scribbled over
     * after it, in pieces of a few lengths (those of HTTP/2 frames among them).
     */
    @Test
    void eachWriteHasTakenItsBytesWhenItReturns() throws Exception {
        byte[] data = Fixtures.randomBytes(4, 3 * 1024 * 1024 + 5);
        int[] pieces = {16_375, 16_384, 1, 8, 100_000, 65_536};
        ByteBuffer lent = ByteBuffer.allocateDirect(100_000);
        B3Digest digest;
        try (BlobWriter w = service.openWriter()) {
            for (int at = 0, i = 0; at < data.length; i++) {
                int n = Math.min(pieces[i % pieces.length], data.length - at);
                ByteBuffer view = lent.clear().put(data, at, n).flip().asReadOnlyBuffer();
                while (view.hasRemaining()) {
                    w.write(view);
                }
                lent.clear();
                while (lent.hasRemaining()) {
                    lent.put((byte) 0x5a);
                }
                at += n;
            }
            digest = w.commit();
        }
        assertEquals(Blake3.hash(data), digest);
        assertArrayEquals(data, Blobs.readAll(service, digest));
    }

    @Test
    void multiChunkBlobRoundTrips() throws Exception {
        B3Digest d = Blobs.write(service, Fixtures.BLOB_B);
        assertEquals(Fixtures.BLOB_B_DIGEST, d);
        assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(service, d));

        byte[] random = Fixtures.randomBytes(2, 5 * 1024 * 1024 + 17);
        B3Digest r = Blobs.write(service, random, 1 << 20);
        assertEquals(Blake3.hash(random), r);
        assertArrayEquals(random, Blobs.readAll(service, r));
    }

    @Test
    void largeBlobStreamsThroughBoundedHeap() throws Exception {
        long max = Runtime.getRuntime().maxMemory();
        long bound = (storesBlobsOnHeap() ? 2 : 1) * LARGE_BLOB_SIZE;
        assertTrue(max < bound, "this test proves streaming only with a capped heap: run it with -Xmx below "
                + (bound >> 20) + " MiB (the heap now allows " + (max >> 20) + " MiB)");
        Blobs.Generated blob = new Blobs.Generated(3, LARGE_BLOB_SIZE);
        B3Digest d = blob.writeTo(service, 1 << 20);
        assertEquals(blob.digest(), d);
        try (BlobReader r = service.open(d).orElseThrow()) {
            Blobs.HashedRead read = Blobs.hashAll(r);
            assertEquals(LARGE_BLOB_SIZE, read.length());
            assertEquals(d, read.digest());
        }
    }

    @Test
    void readerSeeksToRandomOffsets() throws Exception {
        byte[] data = Fixtures.randomBytes(4, 3 * 1024 * 1024 + 5);
        B3Digest d = Blobs.write(service, data);
        SplittableRandom random = new SplittableRandom(5);
        try (BlobReader r = service.open(d).orElseThrow()) {
            for (int i = 0; i < 40; i++) {
                int offset = random.nextInt(data.length);
                int length = Math.min(random.nextInt(1, 300_000), data.length - offset);
                r.position(offset);
                assertEquals(offset, r.position());
                ByteBuffer buf = ByteBuffer.allocate(length);
                while (buf.hasRemaining() && r.read(buf) >= 0) {
                    // keep reading
                }
                assertArrayEquals(Arrays.copyOfRange(data, offset, offset + length), buf.array(),
                        "bytes at offset " + offset);
                assertEquals(offset + length, r.position());
            }
            r.position(data.length);
            assertEquals(-1, r.read(ByteBuffer.allocate(10)), "end of blob");
            r.position(data.length + 1000L);
            assertEquals(-1, r.read(ByteBuffer.allocate(10)), "past the end of blob");
            r.position(0);
            assertArrayEquals(data, Blobs.readAll(r), "whole blob after seeking back to 0");
        }
    }

    @Test
    void missingBlobIsAbsentEverywhere() throws Exception {
        B3Digest missing = Blake3.hash("not stored".getBytes());
        assertFalse(service.has(missing));
        assertTrue(service.open(missing).isEmpty());
        assertTrue(service.chunks(missing).isEmpty());
    }

    @Test
    void concurrentWritersOfTheSameContentAgree() throws Exception {
        byte[] data = Fixtures.randomBytes(6, 1536 * 1024);
        B3Digest expected = Blake3.hash(data);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<B3Digest>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int piece = 1000 + i * 7919;
                results.add(pool.submit((Callable<B3Digest>) () -> Blobs.write(service, data, piece)));
            }
            for (Future<B3Digest> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(data, Blobs.readAll(service, expected));
    }

    @Test
    void writerClosedWithoutCommitLeavesNothing() throws Exception {
        byte[] data = Fixtures.randomBytes(7, 700 * 1024);
        try (BlobWriter w = service.openWriter()) {
            w.write(data, 0, data.length);
        }
        assertFalse(service.has(Blake3.hash(data)));
        assertTrue(service.open(Blake3.hash(data)).isEmpty());
    }

    @Test
    void commitIsIdempotentAndEndsWriting() throws Exception {
        try (BlobWriter w = service.openWriter()) {
            w.write(Fixtures.HELLOWORLD_BLOB, 0, Fixtures.HELLOWORLD_BLOB.length);
            assertEquals(Fixtures.HELLOWORLD_DIGEST, w.commit());
            assertEquals(Fixtures.HELLOWORLD_DIGEST, w.commit());
            assertThrows(InvalidRequestException.class, () -> w.write(new byte[] {1}, 0, 1));
        }
        assertTrue(service.has(Fixtures.HELLOWORLD_DIGEST));
    }

    @Test
    void chunkListDescribesTheBlob() throws Exception {
        byte[] data = Fixtures.randomBytes(8, 2 * 1024 * 1024 + 3);
        B3Digest d = Blobs.write(service, data);
        Optional<List<ChunkMeta>> chunks = service.chunks(d);
        assertTrue(chunks.isPresent(), "a stored blob has a chunk list (possibly empty)");
        if (chunks.get().size() > 1) {
            long offset = 0;
            for (ChunkMeta c : chunks.get()) {
                byte[] expected = Arrays.copyOfRange(data, (int) offset, (int) (offset + c.size()));
                assertEquals(Blake3.hash(expected), c.digest(), "digest of the chunk at " + offset);
                assertTrue(service.has(c.digest()), "chunks are addressable blobs");
                assertArrayEquals(expected, Blobs.readAll(service, c.digest()));
                offset += c.size();
            }
            assertEquals(data.length, offset, "chunk sizes add up to the blob's length");
        }
    }

    @Test
    void corruptedBlobIsNeverServed() throws Exception {
        byte[] data = Fixtures.randomBytes(9, 1024 * 1024 + 99);
        B3Digest d = Blobs.write(service, data);
        corrupt(service, d);
        Optional<BlobReader> reader;
        try {
            reader = service.open(d);
        } catch (IOException e) {
            return; // detected when opening
        }
        if (reader.isEmpty()) {
            return; // treated as missing
        }
        try (BlobReader r = reader.get()) {
            byte[] read = Blobs.readAll(r);
            fail("a corrupted blob was served (" + read.length + " bytes"
                    + (Arrays.equals(read, data) ? ", identical to the original: corrupt() changed nothing)" : ")"));
        } catch (IOException expected) {
            // detected while reading
        }
    }
}
