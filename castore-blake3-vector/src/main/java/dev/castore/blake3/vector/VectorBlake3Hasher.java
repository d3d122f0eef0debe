package dev.castore.blake3.vector;

import static dev.castore.api.internal.hash.Blake3Compression.BLOCK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_END;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_START;
import static dev.castore.api.internal.hash.Blake3Compression.ROOT;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.internal.hash.Blake3Compression;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental BLAKE3 that hashes every large enough update as whole subtrees on SIMD lanes, on
 * the calling thread.
 *
 * <p>The state is that of the reference design: the current partial chunk, and a stack of
 * chaining values of completed subtrees, merged as far as the chunk count has trailing zero
 * bits. At a chunk boundary, an update takes the largest power-of-two run of chunks that is
 * aligned to the chunks so far and leaves at least one byte, hashes it as one subtree, and
 * pushes its value at its level. Keeping one byte back means the last chunk, which may be the
 * root, is always finished by {@link #digest()}.
 */
final class VectorBlake3Hasher implements Blake3Hasher {

    private static final int MAX_DEPTH = 55;

    private final SubtreeHasher subtrees = new SubtreeHasher();
    private final int[] chunkCv = new int[8];
    private final byte[] block = new byte[BLOCK_LEN];
    private final MemorySegment blockSegment = MemorySegment.ofArray(block);
    private final byte[] scratch = new byte[BLOCK_LEN];
    // Made on first use: most inputs are a single chunk, and zeroing these would cost more than
    // hashing a short one.
    private int[] chunkCvs;
    private int[] stack;
    private int blockLen;
    private int blocksCompressed;
    private long chunkCounter;
    private int stackLen;

    VectorBlake3Hasher() {
        Blake3Compression.initChainingValue(chunkCv, 0);
    }

    @Override
    public VectorBlake3Hasher update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        return update(MemorySegment.ofArray(input), offset, length);
    }

    @Override
    public VectorBlake3Hasher update(ByteBuffer input) {
        update(MemorySegment.ofBuffer(input), 0, input.remaining());
        input.position(input.limit());
        return this;
    }

    private VectorBlake3Hasher update(MemorySegment input, long offset, long length) {
        long off = offset;
        long len = length;
        while (len > 0) {
            if (chunkLength() == CHUNK_LEN) {
                compressBufferedBlock(CHUNK_END);
                pushSubtree(chunkCv, 0, 1);
            }
            if (chunkLength() == 0 && len > CHUNK_LEN) {
                long chunks = subtreeChunks(len);
                if (chunks < LaneCompression.LANES) {
                    // Too few chunks for a lane group, at the end of the input or at a counter
                    // that is not a multiple of LANES: up to the next multiple, all in one pass,
                    // pushed one chunk at a time.
                    int count = (int) Math.min((len - 1) / CHUNK_LEN,
                            LaneCompression.LANES - chunkCounter % LaneCompression.LANES);
                    if (chunkCvs == null) {
                        chunkCvs = new int[8 * LaneCompression.LANES];
                    }
                    subtrees.chunkCvs(input, off, count, chunkCounter, chunkCvs);
                    for (int i = 0; i < count; i++) {
                        pushSubtree(chunkCvs, 8 * i, 1);
                    }
                    chunks = count;
                } else {
                    subtrees.cv(input, off, chunks * CHUNK_LEN, chunkCounter, chunkCv, 0);
                    pushSubtree(chunkCv, 0, chunks);
                }
                off += chunks * CHUNK_LEN;
                len -= chunks * CHUNK_LEN;
                continue;
            }
            if (blockLen == BLOCK_LEN) {
                compressBufferedBlock(0);
            }
            if (blockLen == 0 && len > BLOCK_LEN && blocksCompressed < CHUNK_LEN / BLOCK_LEN - 1) {
                // More input follows, so this block is not the chunk's last: no copy needed.
                int flags = blocksCompressed == 0 ? CHUNK_START : 0;
                Blocks.compress(chunkCv, input, off, BLOCK_LEN, chunkCounter, flags, scratch);
                blocksCompressed++;
                off += BLOCK_LEN;
                len -= BLOCK_LEN;
                continue;
            }
            int take = (int) Math.min(BLOCK_LEN - blockLen, len);
            MemorySegment.copy(input, off, blockSegment, blockLen, take);
            blockLen += take;
            off += take;
            len -= take;
        }
        return this;
    }

    /** Chunks in the next subtree: a power of two, aligned to the count so far, not all of {@code len}. */
    private long subtreeChunks(long len) {
        long chunks = Long.highestOneBit((len - 1) / CHUNK_LEN);
        while ((chunkCounter & (chunks - 1)) != 0) {
            chunks >>>= 1;
        }
        return chunks;
    }

    @Override
    public B3Digest digest() {
        int[] out = new int[16];
        Arrays.fill(block, blockLen, BLOCK_LEN, (byte) 0);
        int flags = CHUNK_END | (blocksCompressed == 0 ? CHUNK_START : 0) | (stackLen == 0 ? ROOT : 0);
        int[] last = new int[8];
        Blake3Compression.compress(chunkCv, block, 0, chunkCounter, blockLen, flags, last);
        System.arraycopy(last, 0, out, 8, 8);
        for (int i = stackLen - 1; i >= 0; i--) {
            System.arraycopy(stack, 8 * i, out, 0, 8);
            Blocks.parent(out, 0, i == 0 ? ROOT : 0, out, 8);
        }
        return Blake3Compression.toDigest(out, 8);
    }

    @Override
    public VectorBlake3Hasher reset() {
        Blake3Compression.initChainingValue(chunkCv, 0);
        blockLen = 0;
        blocksCompressed = 0;
        chunkCounter = 0;
        stackLen = 0;
        return this;
    }

    private int chunkLength() {
        return blocksCompressed * BLOCK_LEN + blockLen;
    }

    private void compressBufferedBlock(int extraFlags) {
        int flags = extraFlags | (blocksCompressed == 0 ? CHUNK_START : 0);
        Blake3Compression.compress(chunkCv, block, 0, chunkCounter, BLOCK_LEN, flags, chunkCv);
        blocksCompressed++;
        blockLen = 0;
    }

    /**
     * Adds the chaining value of a completed subtree of {@code chunks} (a power of two) chunks,
     * which starts at the current chunk counter, and starts a new chunk after it.
     */
    private void pushSubtree(int[] cv, int cvOff, long chunks) {
        if (stack == null) {
            stack = new int[MAX_DEPTH * 8];
        }
        System.arraycopy(cv, cvOff, stack, 8 * stackLen, 8);
        chunkCounter += chunks;
        long level = chunkCounter / chunks;
        while ((level & 1) == 0) {
            stackLen--;
            Blocks.parent(stack, 8 * stackLen, 0, stack, 8 * stackLen);
            level >>>= 1;
        }
        stackLen++;
        Blake3Compression.initChainingValue(chunkCv, 0);
        blocksCompressed = 0;
        blockLen = 0;
    }
}
