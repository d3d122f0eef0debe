package dev.castore.composition.combinator;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Segments;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a blob from an untrusted service in two passes and never buffers more than one segment:
 * the first pass (in {@link #open}) hashes the whole stream into one BLAKE3 verifier per 1 MiB
 * segment and checks that they combine to the digest; reads then fetch a segment at a time and
 * serve it only after its bytes hash to the verifier the first pass recorded. A blob of one
 * segment is served from the first pass's buffer, read from the inner service once. A mismatch in
 * either pass fails with {@link CorruptDataException} where it is found.
 */
final class VerifiedBlobReader implements BlobReader {

    private static final Blake3Segments SEGMENTS = new Blake3Segments(1 << 20);

    /** The first pass's first buffer: the whole of most blobs. */
    static final int FIRST_BUFFER = 16 * 1024;

    private final BlobService inner;
    private final B3Digest digest;
    private final long size;
    private final List<byte[]> verifiers;
    private BlobReader source;
    private long sourcePosition;
    private ByteBuffer current;
    private long currentIndex = -1;
    private long position;
    private boolean open = true;

    private VerifiedBlobReader(BlobService inner, B3Digest digest, long size, List<byte[]> verifiers) {
        this.inner = inner;
        this.digest = digest;
        this.size = size;
        this.verifiers = verifiers;
    }

    static Optional<BlobReader> open(BlobService inner, B3Digest digest) throws IOException {
        List<byte[]> verifiers = new ArrayList<>();
        long size = 0;
        try (BlobReader r = inner.open(digest).orElse(null)) {
            if (r == null) {
                return Optional.empty();
            }
            ByteBuffer pending = fillGrowing(r, ByteBuffer.allocate(Math.min(FIRST_BUFFER, SEGMENTS.segmentSize())));
            ByteBuffer next = null;
            while (true) {
                boolean last = pending.position() < SEGMENTS.segmentSize();
                if (!last) {
                    // a full segment: the last one only if nothing follows
                    if (next == null) {
                        next = ByteBuffer.allocate(SEGMENTS.segmentSize());
                    }
                    fill(r, next.clear());
                    last = next.position() == 0;
                }
                size += pending.position();
                pending.flip();
                if (last) {
                    verifiers.add(SEGMENTS.verifier(pending.duplicate(), verifiers.size(), size));
                    break;
                }
                verifiers.add(SEGMENTS.verifierOfFull(pending.duplicate(), verifiers.size()));
                ByteBuffer t = pending;
                pending = next;
                next = t;
            }
            B3Digest actual = SEGMENTS.digest(verifiers);
            if (!actual.equals(digest)) {
                throw new CorruptDataException("blob " + digest.toHex() + " read from the inner store hashes to "
                        + actual.toHex() + "; not served");
            }
            VerifiedBlobReader reader = new VerifiedBlobReader(inner, digest, size, verifiers);
            if (verifiers.size() == 1) {
                // The whole blob is in hand, verified: served from here, not fetched again.
                reader.current = pending;
                reader.currentIndex = 0;
            }
            return Optional.of(reader);
        }
    }

    /**
     * Fills {@code dst} from {@code r} up to a segment or the end of the stream, doubling it while
     * the stream fills it; returns the buffer filled. Most blobs are small, and two buffers of a
     * segment for each were zeroed and collected.
     */
    private static ByteBuffer fillGrowing(BlobReader r, ByteBuffer dst) throws IOException {
        while (true) {
            fill(r, dst);
            if (dst.hasRemaining() || dst.capacity() == SEGMENTS.segmentSize()) {
                return dst;
            }
            ByteBuffer larger = ByteBuffer.allocate(Math.min(2 * dst.capacity(), SEGMENTS.segmentSize()));
            dst = larger.put(dst.flip());
        }
    }

    /** Reads from {@code r} until {@code dst} is full or the stream ends. */
    private static void fill(BlobReader r, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining() && r.read(dst) >= 0) {
            // fill
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            long index = position / SEGMENTS.segmentSize();
            ByteBuffer seg = segment(index).duplicate();
            seg.position((int) (position - index * SEGMENTS.segmentSize()));
            int n = Math.min(seg.remaining(), dst.remaining());
            dst.put(seg.limit(seg.position() + n));
            position += n;
            total += n;
        }
        return total;
    }

    /** Segment {@code index}, fetched from the inner store and checked against its verifier. */
    private ByteBuffer segment(long index) throws IOException {
        if (index == currentIndex) {
            return current;
        }
        long start = index * SEGMENTS.segmentSize();
        if (source == null || sourcePosition != start) {
            if (source == null) {
                source = inner.open(digest).orElseThrow(() -> new CorruptDataException(
                        "blob " + digest.toHex() + " disappeared from the inner store while it was read"));
            }
            source.position(start);
        }
        ByteBuffer buf = ByteBuffer.allocate(SEGMENTS.length(index, size));
        fill(source, buf);
        sourcePosition = start + buf.position();
        byte[] verifier = buf.hasRemaining() ? null : SEGMENTS.verifier(buf.flip().duplicate(), index, size);
        if (verifier == null || !MessageDigest.isEqual(verifier, verifiers.get((int) index))) {
            throw new CorruptDataException("blob " + digest.toHex() + ": bytes " + start + ".." + (start + buf.limit())
                    + " changed in the inner store since they were verified; not served");
        }
        current = buf;
        currentIndex = index;
        return buf;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public BlobReader position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        current = null;
        if (source != null) {
            source.close();
        }
    }
}
