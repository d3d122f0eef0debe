package dev.castore.blake3.ffm;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.digest.Blake3Segments;
import dev.castore.api.digest.HashingPool;
import dev.castore.api.spi.Blake3Provider;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinTask;

/**
 * BLAKE3 by the official C implementation with its SIMD assembly, the code b3sum runs: fast from
 * the first byte, with no warm-up. Its library, {@code libcastore-blake3.so}, is found in the
 * image's {@code lib/} (or at the path in the system property {@code castore.blake3.library}); when
 * it is missing or does not load, {@link #unavailableReason()} says why and the api uses a Java
 * implementation.
 *
 * <p>{@link #newHasher()} hashes on the calling thread; {@link #hash(ByteBuffer)} spreads inputs
 * of more than 2 MiB over the {@link HashingPool}, in subtrees of 1 MiB.
 */
public final class NativeBlake3Provider implements Blake3Provider {

    /** The name users select it by, with {@code CASTORE_BLAKE3=native} ({@code -Dcastore.blake3=native}). */
    public static final String NAME = "native";

    private static final int SEGMENT = NativeBlake3.MAX_CALL;
    private static final int CHUNK_LEN = 1024;

    @Override
    public String name() {
        return NAME;
    }

    /** Above the Java implementations: portable (0) and vector (100). */
    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(NativeBlake3.REASON);
    }

    @Override
    public Blake3Hasher newHasher() {
        return new NativeBlake3Hasher();
    }

    @Override
    public B3Digest hash(ByteBuffer input) {
        NativeBlake3.check();
        int length = input.remaining();
        MemorySegment in = MemorySegment.ofBuffer(input);
        B3Digest digest;
        if (length <= SEGMENT) {
            byte[] out = new byte[B3Digest.LENGTH];
            NativeBlake3.hash(in, length, MemorySegment.ofArray(out));
            digest = B3Digest.of(out);
        } else if (length > 2 * SEGMENT && HashingPool.parallel()) {
            digest = parallel(in, length);
        } else {
            digest = new NativeBlake3Hasher().update(input.duplicate()).digest();
        }
        input.position(input.limit());
        return digest;
    }

    /** The digest of {@code length} bytes, over 1 MiB, in segments of 1 MiB hashed on the pool. */
    private B3Digest parallel(MemorySegment in, long length) {
        int count = (int) ((length + SEGMENT - 1) / SEGMENT);
        List<ForkJoinTask<byte[]>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long from = (long) i * SEGMENT;
            MemorySegment piece = in.asSlice(from, Math.min(SEGMENT, length - from));
            long firstChunk = from / CHUNK_LEN;
            tasks.add(HashingPool.get().submit(() -> cv(piece, firstChunk)));
        }
        List<byte[]> values = new ArrayList<>(count);
        for (ForkJoinTask<byte[]> task : tasks) {
            values.add(task.join());
        }
        return new Blake3Segments(SEGMENT).digest(values);
    }

    @Override
    public byte[] chainingValue(ByteBuffer subtree, long firstChunk) {
        if (!subtree.hasRemaining() || firstChunk < 0) {
            throw new IllegalArgumentException("a subtree has at least one byte and a chunk number >= 0");
        }
        byte[] out = cv(MemorySegment.ofBuffer(subtree), firstChunk);
        subtree.position(subtree.limit());
        return out;
    }

    /**
     * The chaining value of the node made of {@code subtree}'s bytes: in one call up to 1 MiB,
     * else as the parent of its left subtree (the largest power of two of chunks that leaves a
     * byte) and its right one, so that no call runs long.
     */
    private static byte[] cv(MemorySegment subtree, long firstChunk) {
        NativeBlake3.check();
        long length = subtree.byteSize();
        byte[] out = new byte[B3Digest.LENGTH];
        if (length <= SEGMENT) {
            NativeBlake3.chainingValue(subtree, length, firstChunk, MemorySegment.ofArray(out));
            return out;
        }
        long left = Long.highestOneBit((length - 1) / CHUNK_LEN) * CHUNK_LEN;
        byte[] children = new byte[2 * B3Digest.LENGTH];
        System.arraycopy(cv(subtree.asSlice(0, left), firstChunk), 0, children, 0, B3Digest.LENGTH);
        System.arraycopy(cv(subtree.asSlice(left), firstChunk + left / CHUNK_LEN), 0, children, B3Digest.LENGTH,
                B3Digest.LENGTH);
        NativeBlake3.parentCv(MemorySegment.ofArray(children), MemorySegment.ofArray(out));
        return out;
    }
}
