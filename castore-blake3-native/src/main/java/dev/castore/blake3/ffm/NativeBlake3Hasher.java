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
 *
 * <p>The C code hashes an update on all its lanes only from a position that is a multiple of
 * {@link #ALIGN}: from any other, it hashes chunk by chunk and in small subtrees until it gets
 * there (fed the pieces of a Put that way, a daemon spent twice as long in BLAKE3). So updates
 * that arrive in pieces not a multiple of that long (a server's Put hands over the data of each
 * HTTP/2 frame, 16 KiB less a few bytes of framing) are gathered: from the second update on, what
 * would leave the position off a multiple goes into a buffer of {@code ALIGN} bytes, hashed once
 * full. A blob hashed in one update, or in updates of whole multiples, is never copied.
 */
final class NativeBlake3Hasher implements Blake3Hasher {

    /** 16 chunks: the widest lanes' (AVX-512) subtree. */
    static final int ALIGN = 16 * 1024;

    private final MemorySegment state;
    /** Bytes handed to the C hasher. */
    private long hashed;
    /** Bytes waiting to complete a multiple of {@link #ALIGN}; made at the first need. */
    private byte[] stage;
    private int staged;

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
        if (hashed == 0 && staged == 0) {
            // The first update goes as it is: most blobs are hashed in one.
            hash(input, off, left);
            return;
        }
        if (staged > 0) {
            int take = (int) Math.min(left, ALIGN - staged);
            MemorySegment.copy(input, off, MemorySegment.ofArray(stage), staged, take);
            staged += take;
            off += take;
            left -= take;
            if (staged < ALIGN) {
                return;
            }
            hash(MemorySegment.ofArray(stage), 0, ALIGN);
            staged = 0;
        } else if (hashed % ALIGN != 0) {
            // Back to a multiple in one short update of the input itself.
            long take = Math.min(left, ALIGN - hashed % ALIGN);
            hash(input, off, take);
            off += take;
            left -= take;
        }
        long whole = left - left % ALIGN;
        hash(input, off, whole);
        off += whole;
        left -= whole;
        if (left > 0) {
            if (stage == null) {
                stage = new byte[ALIGN];
            }
            MemorySegment.copy(input, off, MemorySegment.ofArray(stage), 0, left);
            staged = (int) left;
        }
    }

    private void hash(MemorySegment input, long offset, long length) {
        long off = offset;
        long left = length;
        while (left > 0) {
            long take = Math.min(left, NativeBlake3.MAX_CALL);
            NativeBlake3.update(state, input.asSlice(off, take), take);
            off += take;
            left -= take;
        }
        hashed += length;
    }

    private void flush() {
        if (staged > 0) {
            int n = staged;
            staged = 0;
            hash(MemorySegment.ofArray(stage), 0, n);
        }
    }

    @Override
    public B3Digest digest() {
        flush();
        byte[] out = new byte[B3Digest.LENGTH];
        NativeBlake3.finalizeDigest(state, MemorySegment.ofArray(out));
        return B3Digest.of(out);
    }

    @Override
    public NativeBlake3Hasher reset() {
        NativeBlake3.init(state);
        hashed = 0;
        staged = 0;
        return this;
    }
}
