package dev.castore.api.internal.hash;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.digest.HashingPool;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;

/**
 * The plain-Java BLAKE3, always available: {@link PortableBlake3Hasher}, one block at a time on
 * the calling thread, and for large one-shot inputs {@link ParallelBlake3} on several cores.
 * Faster implementations (SIMD) come from other modules and win by priority.
 */
public final class PortableBlake3Provider implements Blake3Provider {

    /** The name users select it by, with {@code -Dcastore.blake3=portable}. */
    public static final String NAME = "portable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Blake3Hasher newHasher() {
        return new PortableBlake3Hasher();
    }

    /** Hashes inputs of a mebibyte or more by subtree on the {@link HashingPool}. */
    @Override
    public B3Digest hash(ByteBuffer input) {
        if (ParallelBlake3.worthwhile(input.remaining())) {
            return ParallelBlake3.hash(input);
        }
        return newHasher().update(input).digest();
    }

    @Override
    public byte[] chainingValue(ByteBuffer subtree, long firstChunk) {
        return subtreeChainingValue(subtree, firstChunk);
    }

    /** {@link Blake3Provider#chainingValue} in plain Java, for every provider that has no faster one. */
    public static byte[] subtreeChainingValue(ByteBuffer subtree, long firstChunk) {
        if (!subtree.hasRemaining() || firstChunk < 0) {
            throw new IllegalArgumentException("a subtree has at least one byte and a chunk number >= 0");
        }
        byte[] out = new byte[B3Digest.LENGTH];
        Blake3Compression.encodeWords(new PortableBlake3Hasher(firstChunk).update(subtree).chainingValue(), out, 0);
        return out;
    }
}
