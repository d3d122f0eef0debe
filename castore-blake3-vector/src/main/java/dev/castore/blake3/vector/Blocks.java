package dev.castore.blake3.vector;

import static dev.castore.api.internal.hash.Blake3Compression.BLOCK_LEN;

import dev.castore.api.internal.hash.Blake3Compression;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The api's scalar compression for what the lanes do not cover (short inputs, partial chunks,
 * parents near the root), on this module's shapes of data: input in a segment, chaining values
 * in int arrays at an offset.
 */
final class Blocks {

    private Blocks() {}

    /**
     * Compresses the {@code blockLen} (0 to 64) bytes at {@code offset} of {@code input}, zero
     * padded, into the chaining value {@code cv}, in place. A whole block of a writable heap
     * array is read where it lies; anything else is copied into {@code scratch} (64 bytes) first.
     */
    static void compress(int[] cv, MemorySegment input, long offset, int blockLen, long counter, int flags,
            byte[] scratch) {
        if (blockLen == BLOCK_LEN && input.heapBase().orElse(null) instanceof byte[] array) {
            Blake3Compression.compress(cv, array, Math.toIntExact(input.address() + offset), counter, BLOCK_LEN,
                    flags, cv);
        } else {
            MemorySegment.copy(input, offset, MemorySegment.ofArray(scratch), 0, blockLen);
            Arrays.fill(scratch, blockLen, BLOCK_LEN, (byte) 0);
            Blake3Compression.compress(cv, scratch, 0, counter, blockLen, flags, cv);
        }
    }

    /**
     * The parent of the two chaining values at {@code children[offset..offset + 16)}, left then
     * right, with {@code extraFlags} (the root flag or 0), to {@code out[outOff..outOff + 8)}; the
     * output may overlap the input.
     */
    static void parent(int[] children, int offset, int extraFlags, int[] out, int outOff) {
        byte[] block = new byte[BLOCK_LEN];
        for (int i = 0; i < 16; i++) {
            Blake3Compression.writeIntLE(block, 4 * i, children[offset + i]);
        }
        int[] result = new int[8];
        Blake3Compression.parent(block, 0, extraFlags, result);
        System.arraycopy(result, 0, out, outOff, 8);
    }
}
