package dev.castore.blake3.ffm;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Incremental BLAKE3 by the C implementation. Its state (the C {@code blake3_hasher}) lives in a
 * Java array, which the critical downcalls read and write in place: nothing to free, no copy.
 * Long updates go in pieces of {@link NativeBlake3#MAX_CALL} bytes, powers of two of chunks, so
 * the C code still hashes them as whole subtrees on its SIMD lanes.
 */
final class NativeBlake3Hasher implements Blake3Hasher {

    private final MemorySegment state;

    NativeBlake3Hasher() {
        NativeBlake3.check();
        // long[] for the alignment of the C struct's 64-bit counter.
        this.state = MemorySegment.ofArray(new long[(int) ((NativeBlake3.STATE_SIZE + 7) / 8)]);
        NativeBlake3.init(state);
    }

    @Override
    public NativeBlake3Hasher update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        update(MemorySegment.ofArray(input), offset, length);
        return this;
    }

    @Override
    public NativeBlake3Hasher update(ByteBuffer input) {
        update(MemorySegment.ofBuffer(input), 0, input.remaining());
        input.position(input.limit());
        return this;
    }

    private void update(MemorySegment input, long offset, long length) {
        long off = offset;
        long left = length;
        while (left > 0) {
            long take = Math.min(left, NativeBlake3.MAX_CALL);
            NativeBlake3.update(state, input.asSlice(off, take), take);
            off += take;
            left -= take;
        }
    }

    @Override
    public B3Digest digest() {
        byte[] out = new byte[B3Digest.LENGTH];
        NativeBlake3.finalizeDigest(state, MemorySegment.ofArray(out));
        return B3Digest.of(out);
    }

    @Override
    public NativeBlake3Hasher reset() {
        NativeBlake3.init(state);
        return this;
    }
}
