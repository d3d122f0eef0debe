package dev.castore.api.spi;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A BLAKE3 implementation, found with {@link java.util.ServiceLoader}.
 *
 * <p>The api module provides a portable one; a faster one (SIMD, native) lives in its own module
 * and wins by {@link #priority()}. {@link dev.castore.api.digest.Blake3} uses the available
 * provider with the highest priority, or the one named by the system property
 * {@code castore.blake3}. Every provider must produce the exact BLAKE3-256 digests.
 */
public interface Blake3Provider {

    /** Short name shown to users, e.g. {@code portable}. */
    String name();

    /** Higher wins. The portable implementation has priority 0. */
    int priority();

    /**
     * Why this implementation cannot run in this JVM (e.g. the Vector API is missing), in words
     * for users; empty when it can.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Whether this implementation can run in this JVM. */
    default boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /**
     * Announces about {@code bytes} more bytes to hash soon ({@link Long#MAX_VALUE}: without end,
     * as a server), so that the implementation can prepare what pays off only for that much work,
     * such as compiling SIMD code. The default does nothing.
     */
    default void expect(long bytes) {}

    /** How it hashes right now, in words for users (e.g. whether SIMD code is in use); empty for nothing to say. */
    default String status() {
        return "";
    }

    /** A new incremental hasher. */
    Blake3Hasher newHasher();

    /**
     * The digest of the remaining bytes of {@code input}, advancing its position. An
     * implementation may use several threads for large inputs.
     */
    default B3Digest hash(ByteBuffer input) {
        return newHasher().update(input).digest();
    }

    /**
     * The 32-byte chaining value of a subtree of a larger input: the remaining bytes of
     * {@code subtree} (at least one), whose first chunk is chunk number {@code firstChunk} of
     * that input; advances its position. The bytes must form a node of the input's BLAKE3 tree:
     * 2<sup>k</sup> whole chunks with {@code firstChunk} a multiple of 2<sup>k</sup>, or the last
     * bytes of the input from such a start. The node must not be the root (an input of one such
     * piece has a digest, not a chaining value). Used to hash the pieces of one input on several
     * threads and to verify a piece on its own; see {@link dev.castore.api.digest.Blake3Segments}.
     * The default is the portable implementation's.
     */
    default byte[] chainingValue(ByteBuffer subtree, long firstChunk) {
        return dev.castore.api.internal.hash.PortableBlake3Provider.subtreeChainingValue(subtree, firstChunk);
    }
}
