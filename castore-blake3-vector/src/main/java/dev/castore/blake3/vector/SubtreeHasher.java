package dev.castore.blake3.vector;

import static dev.castore.api.internal.hash.Blake3Compression.BLOCK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_END;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_START;
import static dev.castore.api.internal.hash.Blake3Compression.ROOT;

import dev.castore.api.internal.hash.Blake3Compression;
import dev.castore.api.digest.HashingPool;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.RecursiveAction;

/**
 * Hashes subtrees of the BLAKE3 tree: whole chunks {@link LaneCompression#LANES} at a time, then
 * each tree level of a leaf group the same way, and above that on several cores.
 *
 * <p>The tree shape is BLAKE3's: a node over n bytes puts the largest power-of-two number of
 * chunks that leaves at least one byte for the right side into its left subtree. Every split
 * made here follows it, so the left side is always a complete power-of-two subtree.
 */
final class SubtreeHasher {

    /**
     * Chunks hashed and reduced by one thread in one go; a power of two, at least LANES. The
     * last levels of each leaf group have fewer parents than lanes, so larger groups pay that
     * less often.
     */
    static final int LEAF_CHUNKS = 256;
    /** Inputs this long are split across cores; below it the fork costs more than it saves. */
    static final long PARALLEL_MIN_BYTES = 128 * 1024;
    /** Subtrees this long or shorter are one task: enough tasks to balance the cores, few enough to cost nothing. */
    static final long TASK_MAX_BYTES = 512 * 1024;

    private final byte[] block = new byte[BLOCK_LEN];
    // Created on the first whole leaf: short inputs never need them.
    private LaneCompression lanes;
    private int[] cvs;

    /**
     * The digest words (eight, to {@code out[0..8)}) of all of {@code input}, which may be any
     * length, on the calling thread or, with {@code parallel}, on the common pool's cores too.
     */
    void root(MemorySegment input, boolean parallel, int[] out) {
        long length = input.byteSize();
        if (length <= CHUNK_LEN) {
            chunkCv(input, 0, (int) length, 0, ROOT, out, 0);
            return;
        }
        if (parallel && length >= PARALLEL_MIN_BYTES) {
            HashingPool.get().invoke(new SubtreeTask(input, 0, length, 0, ROOT, out, 0));
            return;
        }
        int[] children = new int[16];
        long left = leftLength(length);
        cv(input, 0, left, 0, children, 0);
        cv(input, left, length - left, left / CHUNK_LEN, children, 8);
        Blocks.parent(children, 0, ROOT, out, 0);
    }

    /**
     * The chaining value (not root) of the subtree over {@code input[offset..offset+length)}
     * whose first chunk has number {@code counter}, written to {@code out[outOff..outOff+8)}.
     */
    void cv(MemorySegment input, long offset, long length, long counter, int[] out, int outOff) {
        if (length <= CHUNK_LEN) {
            chunkCv(input, offset, (int) length, counter, 0, out, outOff);
        } else if (length <= (long) LEAF_CHUNKS * CHUNK_LEN && Long.bitCount(length) == 1) {
            leafCv(input, offset, (int) (length / CHUNK_LEN), counter, out, outOff);
        } else {
            int[] children = new int[16];
            long left = leftLength(length);
            cv(input, offset, left, counter, children, 0);
            cv(input, offset + left, length - left, counter + left / CHUNK_LEN, children, 8);
            Blocks.parent(children, 0, 0, out, outOff);
        }
    }

    /** A complete subtree of {@code chunks} (a power of two) whole chunks, at most LEAF_CHUNKS. */
    private void leafCv(MemorySegment input, long offset, int chunks, long counter, int[] out, int outOff) {
        int[] cvs = leafCvs();
        for (int c = 0; c < chunks; c += LaneCompression.LANES) {
            int count = Math.min(LaneCompression.LANES, chunks - c);
            lanes.chunks(input, offset + (long) c * CHUNK_LEN, counter + c, count, cvs, 8 * c);
        }
        for (int n = chunks; n > 1; n /= 2) {
            int parents = n / 2;
            for (int p = 0; p < parents; p += LaneCompression.LANES) {
                int count = Math.min(LaneCompression.LANES, parents - p);
                if (count == 1) {
                    Blocks.parent(cvs, 16 * p, 0, cvs, 8 * p);
                } else {
                    lanes.parents(cvs, 16 * p, count, cvs, 8 * p);
                }
            }
        }
        System.arraycopy(cvs, 0, out, outOff, 8);
    }

    /**
     * The chaining values of {@code count} (1 to {@link LaneCompression#LANES}) whole chunks, the
     * first numbered {@code counter}, to {@code out} from 0 on, eight words each: in one pass of
     * the lanes, or for a single chunk, where that would cost more, one block at a time.
     */
    void chunkCvs(MemorySegment input, long offset, int count, long counter, int[] out) {
        if (count == 1) {
            chunkCv(input, offset, CHUNK_LEN, counter, 0, out, 0);
        } else {
            leafCvs();
            lanes.chunks(input, offset, counter, count, out, 0);
        }
    }

    /** The scratch for a leaf group's chaining values, with the lanes, made on first use. */
    private int[] leafCvs() {
        if (lanes == null) {
            lanes = new LaneCompression();
            cvs = new int[LEAF_CHUNKS * 8];
        }
        return cvs;
    }

    /**
     * The chaining value of one chunk of {@code length} (1..1024, or 0 for the empty input)
     * bytes, one block at a time; {@code extraFlags} is {@link Blake3Compression#ROOT} when the
     * chunk is the whole input.
     */
    private void chunkCv(MemorySegment input, long offset, int length, long counter, int extraFlags, int[] out,
            int outOff) {
        int[] cv = new int[8];
        Blake3Compression.initChainingValue(cv, 0);
        int blocks = Math.max(1, (length + BLOCK_LEN - 1) / BLOCK_LEN);
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK_LEN;
            int flags = (b == 0 ? CHUNK_START : 0) | (b == blocks - 1 ? CHUNK_END | extraFlags : 0);
            Blocks.compress(cv, input, offset + start, Math.min(BLOCK_LEN, length - start), counter, flags, block);
        }
        System.arraycopy(cv, 0, out, outOff, 8);
    }

    /** Bytes in the left subtree of a node over {@code length} (> 1024) bytes. */
    static long leftLength(long length) {
        long fullChunks = (length - 1) / CHUNK_LEN;
        return Long.highestOneBit(fullChunks) * CHUNK_LEN;
    }

    /** A subtree hashed by halves on the pool, down to leaf groups for one thread. */
    private static final class SubtreeTask extends RecursiveAction {
        private static final long serialVersionUID = 1;

        private final transient MemorySegment input;
        private final long offset;
        private final long length;
        private final long counter;
        private final int extraFlags;
        private final int[] out;
        private final int outOff;

        SubtreeTask(MemorySegment input, long offset, long length, long counter, int extraFlags, int[] out,
                int outOff) {
            this.input = input;
            this.offset = offset;
            this.length = length;
            this.counter = counter;
            this.extraFlags = extraFlags;
            this.out = out;
            this.outOff = outOff;
        }

        @Override
        protected void compute() {
            if (extraFlags == 0 && length <= TASK_MAX_BYTES) {
                new SubtreeHasher().cv(input, offset, length, counter, out, outOff);
                return;
            }
            int[] children = new int[16];
            long left = leftLength(length);
            invokeAll(new SubtreeTask(input, offset, left, counter, 0, children, 0),
                    new SubtreeTask(input, offset + left, length - left, counter + left / CHUNK_LEN, 0, children, 8));
            Blocks.parent(children, 0, extraFlags, out, outOff);
        }
    }
}
