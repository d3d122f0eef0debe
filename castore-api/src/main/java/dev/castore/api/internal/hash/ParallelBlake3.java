package dev.castore.api.internal.hash;

import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.ROOT;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.HashingPool;
import java.nio.ByteBuffer;
import java.util.concurrent.RecursiveTask;

/**
 * BLAKE3 of one large in-memory input on the {@link HashingPool}, by subtree.
 *
 * <p>The input is split as the BLAKE3 tree is: the left subtree holds the largest power of two
 * of chunks below the total, the right one the rest, recursively. Each side's chaining value is
 * computed on its own (a sequential {@link PortableBlake3Hasher} started at the side's first
 * chunk below {@link #SEQUENTIAL_MAX}), and the two are joined by a parent node, so the digest
 * is exactly the sequential one.
 */
final class ParallelBlake3 {

    /** Inputs from this size on are split: below it, forking costs more than it saves. */
    static final int PARALLEL_MIN = 1 << 20;
    /** Subtrees up to this size are hashed by one thread. */
    private static final long SEQUENTIAL_MAX = 256 * 1024;

    private ParallelBlake3() {}

    /** Whether {@link #hash} is worth calling for {@code length} bytes. */
    static boolean worthwhile(long length) {
        return length >= PARALLEL_MIN && HashingPool.parallel();
    }

    /** The digest of the remaining bytes of {@code input}, which holds more than one chunk. */
    static B3Digest hash(ByteBuffer input) {
        ByteBuffer data = input.slice();
        input.position(input.limit());
        int[] root = HashingPool.get().invoke(new Subtree(data, 0, data.remaining(), 0, ROOT));
        return Blake3Compression.toDigest(root, 0);
    }

    /** The largest power of two of chunks strictly below the chunks of {@code length} bytes. */
    static long leftLength(long length) {
        long chunks = (length + CHUNK_LEN - 1) / CHUNK_LEN;
        return Long.highestOneBit(chunks - 1) * CHUNK_LEN;
    }

    /** The chaining value (or with {@code rootFlag}, the digest words) of one subtree. */
    private static final class Subtree extends RecursiveTask<int[]> {
        private final ByteBuffer data;
        private final int offset;
        private final int length;
        private final long firstChunk;
        private final int rootFlag;

        Subtree(ByteBuffer data, int offset, int length, long firstChunk, int rootFlag) {
            this.data = data;
            this.offset = offset;
            this.length = length;
            this.firstChunk = firstChunk;
            this.rootFlag = rootFlag;
        }

        @Override
        protected int[] compute() {
            if (length <= SEQUENTIAL_MAX && rootFlag == 0) {
                return new PortableBlake3Hasher(firstChunk)
                        .update(data.slice(offset, length))
                        .chainingValue();
            }
            int left = (int) leftLength(length);
            Subtree right = new Subtree(data, offset + left, length - left,
                    firstChunk + left / CHUNK_LEN, 0);
            right.fork();
            int[] leftCv = new Subtree(data, offset, left, firstChunk, 0).compute();
            int[] rightCv = right.join();
            byte[] node = new byte[2 * 32];
            Blake3Compression.encodeWords(leftCv, node, 0);
            Blake3Compression.encodeWords(rightCv, node, 32);
            int[] out = new int[8];
            Blake3Compression.parent(node, 0, rootFlag, out);
            return out;
        }
    }
}
