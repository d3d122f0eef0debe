package dev.castore.api.digest;

import dev.castore.api.internal.hash.Blake3Compression;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The digest of a blob that arrives in pieces of any length (the chunks of a chunk list), with
 * the bulk of the hashing done where each piece is, on any thread, and almost no copying.
 *
 * <p>BLAKE3 hashes a blob as a tree over its 1 KiB chunks, and a piece's bounds seldom fall on
 * that tree's. So the blob is seen in granules of {@link #GRANULE} bytes: {@link #part} hashes
 * the granules that lie wholly inside a piece, as the largest nodes of the tree they make (the
 * chaining values of its subtrees, each at its place in the blob), and copies only the bytes of
 * the granules the piece shares with its neighbours, at most a granule at each end. {@link #add}
 * then takes the parts in the blob's order, completes the shared granules from those ends and
 * combines the values ({@link Blake3Segments.Merger}); {@link #digest} finishes the tree. Every
 * byte is hashed once.
 *
 * <p>{@link #part} is thread-safe; {@link #add} and {@link #digest} are for one thread. Only
 * for blobs of more than a granule ({@link #suits}): a node must never be the whole blob, whose
 * value is its digest instead.
 */
public final class PiecewiseBlake3 {

    /** Bytes in a granule: 16 BLAKE3 chunks, which the SIMD implementations hash side by side. */
    public static final int GRANULE = 16 * Blake3Compression.CHUNK_LEN;

    private static final int CHUNKS_PER_GRANULE = GRANULE / Blake3Compression.CHUNK_LEN;
    private static final byte[] NONE = new byte[0];

    private final long size;
    private final long largestNode; // in BLAKE3 chunks: the largest power of two below the blob's count
    private final Blake3Provider provider;
    private final Blake3Segments.Merger merger = new Blake3Segments.Merger();
    private final byte[] granule = new byte[GRANULE];
    private int filled; // bytes of the current granule, which starts at merger.pushed() chunks
    private byte[] pending; // the last node added, pushed once another follows
    private long pendingSpan;
    private long next; // the offset of the next part to add

    /** The parts of one piece, from {@link #part}, for {@link #add}. */
    public static final class Part {
        private final long offset;
        private final long end;
        private final byte[] head;
        private final byte[][] values;
        private final long[] spans;
        private final byte[] tail;

        private Part(long offset, long end, byte[] head, byte[][] values, long[] spans, byte[] tail) {
            this.offset = offset;
            this.end = end;
            this.head = head;
            this.values = values;
            this.spans = spans;
            this.tail = tail;
        }
    }

    /** Whether a blob of {@code size} bytes can be hashed this way: more than one granule. */
    public static boolean suits(long size) {
        return size > GRANULE;
    }

    /** A digest of a blob of {@code size} bytes, which {@link #suits} this. */
    public PiecewiseBlake3(long size) {
        if (!suits(size)) {
            throw new IllegalArgumentException("a blob of " + size + " bytes is one granule or less");
        }
        this.size = size;
        long chunks = (size + Blake3Compression.CHUNK_LEN - 1) / Blake3Compression.CHUNK_LEN;
        this.largestNode = Long.highestOneBit(chunks - 1);
        this.provider = Blake3.active();
    }

    /**
     * The part of the piece whose bytes are {@code data}'s remaining ones, at {@code offset} in the
     * blob: the chaining values of the granules inside it, and copies of its ends. Leaves
     * {@code data}'s position alone. Thread-safe.
     */
    public Part part(long offset, ByteBuffer data) {
        int length = data.remaining();
        long end = offset + length;
        if (offset < 0 || end > size) {
            throw new IllegalArgumentException("a piece of " + length + " bytes at " + offset + " is not in a blob of "
                    + size + " bytes");
        }
        long headEnd = Math.min(end, roundUp(offset));
        long tailStart = Math.max(headEnd, end / GRANULE * GRANULE);
        int start = data.position();
        byte[] head = copy(data, start, headEnd - offset);
        byte[] tail = copy(data, start + (int) (tailStart - offset), end - tailStart);
        // The granules in between, as the largest nodes that fit: each spans a power of two of
        // chunks, starts at a multiple of it, and is never the whole blob.
        int nodes = 0;
        byte[][] values = new byte[2 * Long.SIZE][];
        long[] spans = new long[2 * Long.SIZE];
        long from = headEnd / Blake3Compression.CHUNK_LEN;
        long to = tailStart / Blake3Compression.CHUNK_LEN;
        while (from < to) {
            long aligned = from == 0 ? Long.MAX_VALUE : Long.lowestOneBit(from);
            long span = Math.min(Math.min(aligned, Long.highestOneBit(to - from)), largestNode);
            int at = start + (int) (from * Blake3Compression.CHUNK_LEN - offset);
            ByteBuffer node = data.slice(at, (int) (span * Blake3Compression.CHUNK_LEN));
            values[nodes] = provider.chainingValue(node, from);
            spans[nodes++] = span;
            from += span;
        }
        return new Part(offset, end, head, Arrays.copyOf(values, nodes), Arrays.copyOf(spans, nodes), tail);
    }

    /** Adds the next part, in the blob's order: the one at the offset where the last one ended. */
    public void add(Part part) {
        Objects.requireNonNull(part, "part");
        if (part.offset != next) {
            throw new IllegalStateException("the part at " + part.offset + " is not the next one, at " + next);
        }
        fill(part.head);
        for (int i = 0; i < part.values.length; i++) {
            node(part.values[i], part.spans[i]);
        }
        fill(part.tail);
        next = part.end;
    }

    /** The blob's digest, once parts covering all its bytes were added. */
    public B3Digest digest() {
        if (next != size) {
            throw new IllegalStateException("parts of " + next + " bytes were added to a blob of " + size);
        }
        byte[] last;
        if (filled > 0) {
            // The blob's last granule, cut short: the last bytes of the blob from a node's start.
            flushPending();
            last = provider.chainingValue(ByteBuffer.wrap(granule, 0, filled), merger.pushed());
        } else {
            last = pending;
        }
        return merger.root(last);
    }

    private void fill(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        System.arraycopy(bytes, 0, granule, filled, bytes.length);
        filled += bytes.length;
        if (filled == GRANULE) {
            filled = 0;
            flushPending();
            pending = provider.chainingValue(ByteBuffer.wrap(granule), merger.pushed());
            pendingSpan = CHUNKS_PER_GRANULE;
        }
    }

    private void node(byte[] value, long span) {
        if (filled != 0) {
            throw new IllegalStateException("a node follows a granule that is not full");
        }
        flushPending();
        pending = value;
        pendingSpan = span;
    }

    private void flushPending() {
        if (pending != null) {
            merger.push(pending, pendingSpan);
            pending = null;
        }
    }

    private static long roundUp(long offset) {
        return (offset + GRANULE - 1) / GRANULE * GRANULE;
    }

    private static byte[] copy(ByteBuffer data, int at, long length) {
        if (length == 0) {
            return NONE;
        }
        byte[] bytes = new byte[(int) length];
        data.get(at, bytes);
        return bytes;
    }
}
