package dev.castore.api.digest;

import dev.castore.api.internal.hash.Blake3Compression;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A blob's BLAKE3 tree seen as a row of equal segments (a power of two of 1 KiB chunks each,
 * the last one shorter), each with a value that verifies it on its own: the chaining value of
 * its subtree, or the blob's digest when the blob is a single segment. The values combine to the
 * blob's digest with a few parent compressions, so segments can be hashed on several threads
 * and read back one at a time, each checked, with every byte hashed exactly once. (The
 * segments are nodes of the BLAKE3 tree because it is left-balanced: the left child of every
 * node spans a power of two of chunks.)
 */
public final class Blake3Segments {

    private static final int MAX_DEPTH = 64;

    private final int segmentSize;
    private final long chunksPerSegment;

    /** @param segmentSize a power of two, at least 1024 (one chunk) */
    public Blake3Segments(int segmentSize) {
        if (segmentSize < Blake3Compression.CHUNK_LEN || Integer.bitCount(segmentSize) != 1) {
            throw new IllegalArgumentException("a segment size must be a power of two of at least 1024 bytes, not "
                    + segmentSize);
        }
        this.segmentSize = segmentSize;
        this.chunksPerSegment = segmentSize / Blake3Compression.CHUNK_LEN;
    }

    /** Bytes in a segment, all but the last of a blob. */
    public int segmentSize() {
        return segmentSize;
    }

    /** How many segments a blob of {@code blobSize} bytes has: at least one (the empty blob has one, empty). */
    public long count(long blobSize) {
        if (blobSize < 0) {
            throw new IllegalArgumentException("negative blob size " + blobSize);
        }
        return Math.max(1, (blobSize + segmentSize - 1) / segmentSize);
    }

    /** The number of bytes of segment {@code index} of a blob of {@code blobSize} bytes. */
    public int length(long index, long blobSize) {
        long count = count(blobSize);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("segment " + index + " of a blob of " + blobSize + " bytes, which has "
                    + count);
        }
        return index < count - 1 ? segmentSize : (int) (blobSize - index * segmentSize);
    }

    /**
     * The verifier of segment {@code index} of a blob of {@code blobSize} bytes, from the
     * remaining bytes of {@code segment}, which must be exactly that segment ({@link #length});
     * advances its position. Thread-safe.
     */
    public byte[] verifier(ByteBuffer segment, long index, long blobSize) {
        int expected = length(index, blobSize);
        if (segment.remaining() != expected) {
            throw new IllegalArgumentException("segment " + index + " of a blob of " + blobSize + " bytes has "
                    + expected + " bytes, not " + segment.remaining());
        }
        if (blobSize <= segmentSize) {
            return Blake3.hash(segment).toBytes();
        }
        return Blake3.active().chainingValue(segment, index * chunksPerSegment);
    }

    /**
     * The verifier of segment {@code index}, a full segment that is not its blob's last (so the
     * blob has more than one), from the remaining bytes of {@code segment}; advances its
     * position. For writers that hash segments before they know the blob's size. Thread-safe.
     */
    public byte[] verifierOfFull(ByteBuffer segment, long index) {
        if (segment.remaining() != segmentSize || index < 0) {
            throw new IllegalArgumentException("a full segment has " + segmentSize + " bytes, not "
                    + segment.remaining());
        }
        return Blake3.active().chainingValue(segment, index * chunksPerSegment);
    }

    /** The digest of the blob whose segments have the {@code verifiers} given, in order. */
    public B3Digest digest(List<byte[]> verifiers) {
        int n = verifiers.size();
        if (n == 0) {
            throw new IllegalArgumentException("a blob has at least one segment");
        }
        if (n == 1) {
            return B3Digest.of(verifiers.getFirst());
        }
        Merger merger = new Merger();
        for (int i = 0; i < n - 1; i++) {
            merger.push(verifiers.get(i));
        }
        return merger.root(verifiers.get(n - 1));
    }

    /**
     * Combines the chaining values of consecutive nodes of a BLAKE3 tree as they come, keeping one
     * value per tree level: a node is pushed once it is known not to be the last. Nodes are counted
     * in units (a segment, or a 1 KiB chunk): each spans a power of two of them and starts at a
     * multiple of its span, which makes every pushed value and the one before it of the same span
     * siblings.
     */
    static final class Merger {
        private final byte[] stack = new byte[MAX_DEPTH * 32];
        private final long[] spans = new long[MAX_DEPTH];
        private final int[] words = new int[8];
        private int depth;
        private long pushed;

        /** Adds the chaining value of the next node of one unit, which is not the blob's last. */
        void push(byte[] cv) {
            push(cv, 1);
        }

        /**
         * Adds the chaining value of the next node, of {@code span} units (a power of two, with a
         * multiple of it pushed before), which is not the blob's last.
         */
        void push(byte[] cv, long span) {
            if (Long.bitCount(span) != 1 || pushed % span != 0) {
                throw new IllegalArgumentException("a node of " + span + " units cannot follow " + pushed);
            }
            System.arraycopy(cv, 0, stack, 32 * depth, 32);
            spans[depth++] = span;
            pushed += span;
            while (depth >= 2 && spans[depth - 1] == spans[depth - 2]) {
                depth--;
                Blake3Compression.parent(stack, 32 * (depth - 1), 0, words);
                Blake3Compression.encodeWords(words, stack, 32 * (depth - 1));
                spans[depth - 1] *= 2;
            }
        }

        /** Units pushed so far. */
        long pushed() {
            return pushed;
        }

        /** A merger in the same state, to finish without changing this one. */
        Merger copy() {
            Merger m = new Merger();
            System.arraycopy(stack, 0, m.stack, 0, 32 * depth);
            System.arraycopy(spans, 0, m.spans, 0, depth);
            m.depth = depth;
            m.pushed = pushed;
            return m;
        }

        /** The digest, given the chaining value of the last node (at least one was pushed before it). */
        B3Digest root(byte[] lastCv) {
            byte[] node = new byte[64];
            System.arraycopy(lastCv, 0, node, 32, 32);
            for (int i = depth - 1; i >= 0; i--) {
                System.arraycopy(stack, 32 * i, node, 0, 32);
                Blake3Compression.parent(node, 0, i == 0 ? Blake3Compression.ROOT : 0, words);
                Blake3Compression.encodeWords(words, node, 32);
            }
            return Blake3Compression.toDigest(words, 0);
        }
    }
}
