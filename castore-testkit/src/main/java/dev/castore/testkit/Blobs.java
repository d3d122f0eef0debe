package dev.castore.testkit;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Helpers for blob tests: write whole arrays or generated streams, read back whole or hashed. */
public final class Blobs {

    private Blobs() {}

    /** Writes {@code data} in pieces of {@code pieceSize} bytes and commits. */
    public static B3Digest write(BlobService service, byte[] data, int pieceSize) throws IOException {
        try (BlobWriter w = service.openWriter()) {
            for (int off = 0; off < data.length; off += pieceSize) {
                w.write(data, off, Math.min(pieceSize, data.length - off));
            }
            return w.commit();
        }
    }

    /** Writes {@code data} in 64 KiB pieces and commits. */
    public static B3Digest write(BlobService service, byte[] data) throws IOException {
        return write(service, data, 64 * 1024);
    }

    /** Reads the whole blob, or fails if it is missing. */
    public static byte[] readAll(BlobService service, B3Digest digest) throws IOException {
        try (BlobReader r = service.open(digest).orElseThrow(() -> new AssertionError("blob " + digest + " is missing"))) {
            return readAll(r);
        }
    }

    /** Reads the rest of {@code reader}. */
    public static byte[] readAll(BlobReader reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (reader.read(buf) >= 0) {
            buf.flip();
            out.write(buf.array(), 0, buf.limit());
            buf.clear();
        }
        return out.toByteArray();
    }

    /** Reads the rest of {@code reader} through a bounded buffer, keeping nothing; returns how many bytes it had. */
    public static long count(BlobReader reader) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long total = 0;
        int n;
        while ((n = reader.read(buf.clear())) >= 0) {
            total += n;
        }
        return total;
    }

    /** A generated stream of {@code size} pseudo-random bytes, never held whole in memory. */
    public record Generated(long seed, long size) {

        /** Writes the stream in pieces of {@code pieceSize}; returns the committed digest. */
        public B3Digest writeTo(BlobService service, int pieceSize) throws IOException {
            try (BlobWriter w = service.openWriter()) {
                forEachPiece(pieceSize, piece -> w.write(piece, 0, piece.length));
                return w.commit();
            }
        }

        /** The BLAKE3 of the stream, computed independently of any store. */
        public B3Digest digest() throws IOException {
            Blake3Hasher h = Blake3.newHasher();
            forEachPiece(1 << 20, h::update);
            return h.digest();
        }

        private interface PieceConsumer {
            void accept(byte[] piece) throws IOException;
        }

        private void forEachPiece(int pieceSize, PieceConsumer consumer) throws IOException {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] piece = new byte[pieceSize];
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(pieceSize, left);
                if (n < pieceSize) {
                    piece = new byte[n];
                }
                random.nextBytes(piece);
                consumer.accept(piece);
                left -= n;
            }
        }
    }

    /** Reads the whole blob through a bounded buffer and returns the BLAKE3 of what was read and its length. */
    public static HashedRead hashAll(BlobReader reader) throws IOException {
        Blake3Hasher h = Blake3.newHasher();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long total = 0;
        int n;
        while ((n = reader.read(buf)) >= 0) {
            buf.flip();
            h.update(buf);
            buf.clear();
            total += n;
        }
        return new HashedRead(h.digest(), total);
    }

    /** The digest and length of bytes read. */
    public record HashedRead(B3Digest digest, long length) {}
}
