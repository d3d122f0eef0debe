package dev.castore.api.internal.hash;

import static dev.castore.api.internal.hash.Blake3Compression.BLOCK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_END;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_START;
import static dev.castore.api.internal.hash.Blake3Compression.ROOT;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * BLAKE3-256 in plain Java, one block at a time.
 *
 * <p>The state is the current chunk (its chaining value and a one-block buffer) plus the stack of
 * chaining values of completed subtrees, as in the reference design: a completed chunk is merged
 * with its left neighbours as far as the number of chunks so far has trailing zero bits. A
 * chunk or block is only finished once more input follows, because the last one must be
 * compressed with different flags. Whole blocks and chunks are compressed straight from the
 * caller's array; nothing is allocated after construction.
 */
public final class PortableBlake3Hasher implements Blake3Hasher {

    /** A tree over 2^64 bytes has at most 54 levels of chunks; one more slot holds a new value. */
    private static final int MAX_DEPTH = 55;

    private final int[] chunkCv = new int[8];
    private final byte[] block = new byte[BLOCK_LEN];
    // Chaining values of completed subtrees as little-endian bytes, so that two neighbours are
    // a parent's message block as they lie. Allocated with the first completed chunk: most
    // inputs are a single chunk.
    private byte[] stack;
    private int[] parentCv;
    private byte[] copyBuffer;
    private int blockLen;
    private int blocksCompressed;
    private long chunkCounter;
    private int stackLen;
    // The index of the first chunk: 0, except for a subtree of a larger input.
    private final long firstChunk;

    /** A hasher with no input yet. */
    public PortableBlake3Hasher() {
        this(0);
    }

    /**
     * A hasher for the subtree of a larger input that starts at chunk {@code firstChunk}; its
     * result is {@link #chainingValue()}. The subtree must be one of the BLAKE3 tree's: it
     * starts at a multiple of the largest power of two below its number of chunks.
     */
    PortableBlake3Hasher(long firstChunk) {
        this.firstChunk = firstChunk;
        this.chunkCounter = firstChunk;
        Blake3Compression.initChainingValue(chunkCv, 0);
    }

    @Override
    public PortableBlake3Hasher update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        int off = offset;
        int len = length;
        while (len > 0) {
            if (chunkLength() == CHUNK_LEN) {
                finishBufferedChunk();
            }
            if (blocksCompressed == 0 && blockLen == 0 && len > CHUNK_LEN) {
                hashWholeChunk(input, off);
                off += CHUNK_LEN;
                len -= CHUNK_LEN;
                continue;
            }
            if (blockLen == BLOCK_LEN) {
                compressBufferedBlock(0);
            }
            if (blockLen == 0 && len > BLOCK_LEN && blocksCompressed < CHUNK_LEN / BLOCK_LEN - 1) {
                // More input follows, so this block is not the chunk's last: no copy needed.
                compressBlock(input, off, 0);
                off += BLOCK_LEN;
                len -= BLOCK_LEN;
                continue;
            }
            int take = Math.min(BLOCK_LEN - blockLen, len);
            System.arraycopy(input, off, block, blockLen, take);
            blockLen += take;
            off += take;
            len -= take;
        }
        return this;
    }

    @Override
    public PortableBlake3Hasher update(ByteBuffer input) {
        if (input.hasArray()) {
            int pos = input.position();
            update(input.array(), input.arrayOffset() + pos, input.limit() - pos);
            input.position(input.limit());
            return this;
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[16 * CHUNK_LEN];
        }
        while (input.hasRemaining()) {
            int n = Math.min(copyBuffer.length, input.remaining());
            input.get(copyBuffer, 0, n);
            update(copyBuffer, 0, n);
        }
        return this;
    }

    @Override
    public B3Digest digest() {
        return Blake3Compression.toDigest(finish(ROOT), 0);
    }

    /** The chaining value of the input so far as a subtree of a larger input (no root flag). */
    int[] chainingValue() {
        return finish(0);
    }

    /** The output words of the tree so far, with {@code rootFlag} on its top node. */
    private int[] finish(int rootFlag) {
        // Works on copies, so the hasher can take more input afterwards.
        int[] out = new int[8];
        Arrays.fill(block, blockLen, BLOCK_LEN, (byte) 0);
        int flags = CHUNK_END | (blocksCompressed == 0 ? CHUNK_START : 0);
        Blake3Compression.compress(chunkCv, block, 0, chunkCounter, blockLen,
                flags | (stackLen == 0 ? rootFlag : 0), out);
        byte[] node = new byte[2 * 32];
        for (int i = stackLen - 1; i >= 0; i--) {
            System.arraycopy(stack, 32 * i, node, 0, 32);
            Blake3Compression.encodeWords(out, node, 32);
            Blake3Compression.parent(node, 0, i == 0 ? rootFlag : 0, out);
        }
        return out;
    }

    @Override
    public PortableBlake3Hasher reset() {
        Blake3Compression.initChainingValue(chunkCv, 0);
        blockLen = 0;
        blocksCompressed = 0;
        chunkCounter = firstChunk;
        stackLen = 0;
        return this;
    }

    private int chunkLength() {
        return blocksCompressed * BLOCK_LEN + blockLen;
    }

    private void hashWholeChunk(byte[] input, int off) {
        int last = CHUNK_LEN / BLOCK_LEN - 1;
        int[] cv = chunkCv;
        long counter = chunkCounter;
        Blake3Compression.compress(cv, input, off, counter, BLOCK_LEN, CHUNK_START, cv);
        for (int b = 1; b < last; b++) {
            Blake3Compression.compress(cv, input, off + b * BLOCK_LEN, counter, BLOCK_LEN, 0, cv);
        }
        Blake3Compression.compress(cv, input, off + last * BLOCK_LEN, counter, BLOCK_LEN, CHUNK_END, cv);
        pushChunk();
    }

    private void finishBufferedChunk() {
        compressBufferedBlock(CHUNK_END);
        pushChunk();
    }

    private void compressBufferedBlock(int extraFlags) {
        compressBlock(block, 0, extraFlags);
        blockLen = 0;
    }

    private void compressBlock(byte[] input, int off, int extraFlags) {
        int flags = extraFlags | (blocksCompressed == 0 ? CHUNK_START : 0);
        Blake3Compression.compress(chunkCv, input, off, chunkCounter, BLOCK_LEN, flags, chunkCv);
        blocksCompressed++;
    }

    /** Adds the finished chunk's chaining value to the tree and starts the next chunk. */
    private void pushChunk() {
        if (stack == null) {
            stack = new byte[MAX_DEPTH * 32];
            parentCv = new int[8];
        }
        Blake3Compression.encodeWords(chunkCv, stack, 32 * stackLen);
        long totalChunks = ++chunkCounter - firstChunk;
        while ((totalChunks & 1) == 0) {
            stackLen--;
            Blake3Compression.parent(stack, 32 * stackLen, 0, parentCv);
            Blake3Compression.encodeWords(parentCv, stack, 32 * stackLen);
            totalChunks >>>= 1;
        }
        stackLen++;
        Blake3Compression.initChainingValue(chunkCv, 0);
        blocksCompressed = 0;
        blockLen = 0;
    }
}
