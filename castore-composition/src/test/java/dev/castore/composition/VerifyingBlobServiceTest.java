package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.composition.combinator.VerifyingBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The contract runs over an inner store that serves whatever it holds without checking it. */
class VerifyingBlobServiceTest extends BlobServiceContract {

    private UncheckedBlobService inner;

    @Override
    protected BlobService newBlobService() {
        inner = new UncheckedBlobService();
        return new VerifyingBlobService(inner);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) {
        inner.flip(digest, 0);
    }

    @Test
    void aBlobThatDoesNotHashToItsDigestIsRefusedAtOpen() throws Exception {
        UncheckedBlobService store = new UncheckedBlobService();
        B3Digest digest = Blobs.write(store, Fixtures.BLOB_B);
        store.flip(digest, Fixtures.BLOB_B.length - 1);
        VerifyingBlobService verifying = new VerifyingBlobService(store);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> verifying.open(digest));
        assertTrue(e.getMessage().startsWith("blob " + digest.toHex() + " read from the inner store hashes to "),
                e.getMessage());
    }

    @Test
    void bytesChangedAfterOpenAreNotServedAndTheSegmentBeforeThemIs() throws Exception {
        UncheckedBlobService store = new UncheckedBlobService();
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

    /** Keeps blobs as the pieces they were written in and serves them without checking them. */
    static final class UncheckedBlobService implements BlobService {
        private static final int PIECE = 256 * 1024;
        final Map<B3Digest, List<byte[]>> blobs = new ConcurrentHashMap<>();

        /** Flips the lowest bit of the byte at {@code offset} of a stored blob. */
        void flip(B3Digest digest, long offset) {
            for (byte[] piece : blobs.get(digest)) {
                if (offset < piece.length) {
                    piece[(int) offset] ^= 1;
                    return;
                }
                offset -= piece.length;
            }
            throw new IllegalArgumentException("offset past the end");
        }

        @Override
        public boolean has(B3Digest digest) {
            return blobs.containsKey(digest);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) {
            List<byte[]> b = blobs.get(digest);
            return b == null ? Optional.empty() : Optional.of(new ByteBufferBlobReader(b.stream().map(ByteBuffer::wrap).toList()));
        }

        @Override
        public BlobWriter openWriter() {
            List<byte[]> pieces = new ArrayList<>();
            Blake3Hasher hasher = Blake3.newHasher();
            return new BlobWriter() {
                private B3Digest digest;
                private boolean open = true;

                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (!open) {
                        throw new java.nio.channels.ClosedChannelException();
                    }
                    if (digest != null) {
                        throw new InvalidRequestException("blob writer already committed");
                    }
                    int n = src.remaining();
                    while (src.hasRemaining()) {
                        // pieces well below the G1 region size, so a large blob is not kept as humongous objects
                        byte[] b = new byte[Math.min(PIECE, src.remaining())];
                        src.get(b);
                        hasher.update(b);
                        pieces.add(b);
                    }
                    return n;
                }

                @Override
                public B3Digest commit() throws IOException {
                    if (!open) {
                        throw new java.nio.channels.ClosedChannelException();
                    }
                    if (digest == null) {
                        digest = hasher.digest();
                        blobs.putIfAbsent(digest, pieces);
                    }
                    return digest;
                }

                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public void close() {
                    open = false;
                }
            };
        }
    }
}
