package dev.castore.store.grpc;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A blob backend for huge test blobs that keeps none of their bytes: a writer hashes what it
 * receives and discards it; a blob whose digest matches the announced pseudo-random stream is
 * read back by generating that stream again. Only sequential reads from position 0 are supported.
 */
final class SyntheticBlobService implements BlobService {

    /** The stream {@code new SplittableRandom(seed)} fills in 1 MiB pieces, {@code size} bytes long. */
    record Stream(long seed, long size) {}

    private final Map<Long, Stream> announced = new ConcurrentHashMap<>();
    private final Map<B3Digest, Stream> stored = new ConcurrentHashMap<>();
    /** Readers handed out and not yet closed. */
    final java.util.concurrent.atomic.AtomicInteger openReaders = new java.util.concurrent.atomic.AtomicInteger();
    /** Bytes generated for readers so far. */
    final java.util.concurrent.atomic.AtomicLong bytesServed = new java.util.concurrent.atomic.AtomicLong();

    /** Announces that the next blob of {@code size} bytes is {@code stream}. */
    void announce(Stream stream) {
        announced.put(stream.size(), stream);
    }

    /**
     * Serves {@code stream} under {@code digest} without hashing it: for tests of the server's
     * streaming that never verify what they read.
     */
    void storeUnverified(B3Digest digest, Stream stream) {
        stored.put(digest, stream);
    }

    @Override
    public boolean has(B3Digest digest) {
        return stored.containsKey(digest);
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) {
        Stream s = stored.get(digest);
        if (s == null) {
            return Optional.empty();
        }
        openReaders.incrementAndGet();
        return Optional.of(new GeneratingReader(s));
    }

    @Override
    public BlobWriter openWriter() {
        return new BlobWriter() {
            private final Blake3Hasher hasher = Blake3.newHasher();
            private long size;
            private B3Digest digest;

            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                hasher.update(src);
                size += n;
                return n;
            }

            @Override
            public B3Digest commit() throws IOException {
                if (digest == null) {
                    digest = hasher.digest();
                    Stream s = announced.get(size);
                    if (s == null) {
                        throw new IOException("no stream of " + size + " bytes was announced");
                    }
                    stored.put(digest, s);
                }
                return digest;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    private final class GeneratingReader implements BlobReader {
        private final SplittableRandom random;
        private final long size;
        private final ByteBuffer piece = ByteBuffer.allocate(1 << 20).limit(0);
        private long position;
        private boolean open = true;

        GeneratingReader(Stream s) {
            this.random = new SplittableRandom(s.seed());
            this.size = s.size();
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= size) {
                return -1;
            }
            if (!piece.hasRemaining()) {
                int n = (int) Math.min(piece.capacity(), size - position);
                byte[] bytes = new byte[n];
                random.nextBytes(bytes);
                piece.clear().put(bytes).flip();
            }
            int n = Math.min(dst.remaining(), piece.remaining());
            dst.put(dst.position(), piece, piece.position(), n);
            dst.position(dst.position() + n);
            piece.position(piece.position() + n);
            position += n;
            bytesServed.addAndGet(n);
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public BlobReader position(long newPosition) {
            if (newPosition != position) {
                throw new UnsupportedOperationException("the synthetic blob is read sequentially");
            }
            return this;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                openReaders.decrementAndGet();
            }
        }
    }
}
