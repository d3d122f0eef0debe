package dev.castore.api.internal.hash;

import static java.lang.Integer.rotateRight;

import dev.castore.api.digest.B3Digest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The BLAKE3 compression function and its constants, scalar and allocation-free.
 *
 * <p>The seven rounds are unrolled on local variables, so the JIT keeps the 16-word state in
 * registers and no call or array access sits inside a round. The message schedule is written
 * out per round instead of permuting an array.
 */
public final class Blake3Compression {

    /** Bytes in a block, the unit of one compression. */
    public static final int BLOCK_LEN = 64;
    /** Bytes in a chunk, a leaf of the BLAKE3 tree. */
    public static final int CHUNK_LEN = 1024;
    /** Flag of a chunk's first block. */
    public static final int CHUNK_START = 1;
    /** Flag of a chunk's last block. */
    public static final int CHUNK_END = 2;
    /** Flag of a parent node. */
    public static final int PARENT = 4;
    /** Flag of the root node. */
    public static final int ROOT = 8;

    /** The key words of plain hash mode: the IV. */
    public static final int IV0 = 0x6A09E667;
    public static final int IV1 = 0xBB67AE85;
    public static final int IV2 = 0x3C6EF372;
    public static final int IV3 = 0xA54FF53A;
    public static final int IV4 = 0x510E527F;
    public static final int IV5 = 0x9B05688C;
    public static final int IV6 = 0x1F83D9AB;
    public static final int IV7 = 0x5BE0CD19;

    private static final int[] IV = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};

    private static final VarHandle LE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Blake3Compression() {}

    /** Writes the eight IV words to {@code cv} at {@code offset}. */
    public static void initChainingValue(int[] cv, int offset) {
        System.arraycopy(IV, 0, cv, offset, 8);
    }

    /** Reads the little-endian int at {@code offset} of {@code bytes}. */
    public static int readIntLE(byte[] bytes, int offset) {
        return (int) LE_INT.get(bytes, offset);
    }

    /** Writes {@code value} little-endian at {@code offset} of {@code bytes}. */
    public static void writeIntLE(byte[] bytes, int offset, int value) {
        LE_INT.set(bytes, offset, value);
    }

    /**
     * Compresses the 64-byte block at {@code offset} of {@code block} and keeps the first eight
     * output words, which are both the chaining value and, with {@link #ROOT}, the digest.
     *
     * <p>The message words are read little-endian straight from the caller's bytes into locals,
     * so a block needs no copy; a partial block must be zero-padded by the caller.
     *
     * @param cv the input chaining value, eight words
     * @param block the bytes holding the block, at {@code offset}
     * @param counter the chunk counter (0 for parents and the root's first output block)
     * @param blockLen the number of meaningful bytes in the block (the rest is zero)
     * @param flags the domain flags
     * @param out where the eight result words go; may be {@code cv}
     */
    public static void compress(int[] cv, byte[] block, int offset, long counter, int blockLen,
            int flags, int[] out) {
        Objects.checkFromIndexSize(offset, BLOCK_LEN, block.length);
        // The words are read here and the rounds run in a method of their own: inside the large
        // rounds method the JIT may stop inlining (its budget is spent), and a VarHandle access
        // that is not inlined is a call with its own checks per word (most samples of a profiled
        // import were there). This small method always inlines its reads.
        rounds(cv, readIntLE(block, offset), readIntLE(block, offset + 4), readIntLE(block, offset + 8),
                readIntLE(block, offset + 12), readIntLE(block, offset + 16), readIntLE(block, offset + 20),
                readIntLE(block, offset + 24), readIntLE(block, offset + 28), readIntLE(block, offset + 32),
                readIntLE(block, offset + 36), readIntLE(block, offset + 40), readIntLE(block, offset + 44),
                readIntLE(block, offset + 48), readIntLE(block, offset + 52), readIntLE(block, offset + 56),
                readIntLE(block, offset + 60), counter, blockLen, flags, out);
    }

    /** The seven rounds over the message words {@code m0..m15}; see {@link #compress}. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void rounds(int[] cv, int m0, int m1, int m2, int m3, int m4, int m5, int m6, int m7, int m8,
            int m9, int m10, int m11, int m12, int m13, int m14, int m15, long counter, int blockLen, int flags,
            int[] out) {
        int v0 = cv[0], v1 = cv[1], v2 = cv[2], v3 = cv[3];
        int v4 = cv[4], v5 = cv[5], v6 = cv[6], v7 = cv[7];
        // The IV words come from the array, not as constants: C2 reassociates (IV + x) + y into
        // (x + y) + IV, so a constant would ride along in v8..v11 through all seven rounds and
        // cost an extra add at every use (measured: 1.8x slower).
        int v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        int v12 = (int) counter, v13 = (int) (counter >>> 32), v14 = blockLen, v15 = flags;
        // a = a + b + m in this order adds into a's register in place; a += b + m needs a copy
        // of b first (measured: 15% more time per block).
        // round 1
        v0 = v0 + v4 + m0; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m1; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m2; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m3; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m4; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m5; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m6; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m7; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m8; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m9; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m10; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m11; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m12; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m13; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m14; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m15; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 2
        v0 = v0 + v4 + m2; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m6; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m3; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m10; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m7; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m0; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m4; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m13; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m1; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m11; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m12; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m5; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m9; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m14; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m15; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m8; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 3
        v0 = v0 + v4 + m3; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m4; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m10; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m12; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m13; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m2; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m7; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m14; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m6; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m5; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m9; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m0; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m11; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m15; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m8; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m1; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 4
        v0 = v0 + v4 + m10; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m7; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m12; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m9; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m14; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m3; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m13; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m15; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m4; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m0; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m11; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m2; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m5; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m8; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m1; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m6; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 5
        v0 = v0 + v4 + m12; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m13; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m9; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m11; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m15; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m10; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m14; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m8; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m7; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m2; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m5; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m3; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m0; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m1; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m6; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m4; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 6
        v0 = v0 + v4 + m9; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m14; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m11; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m5; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m8; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m12; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m15; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m1; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m13; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m3; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m0; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m10; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m2; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m6; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m4; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m7; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);
        // round 7
        v0 = v0 + v4 + m11; v12 = rotateRight(v12 ^ v0, 16); v8 += v12; v4 = rotateRight(v4 ^ v8, 12);
        v0 = v0 + v4 + m15; v12 = rotateRight(v12 ^ v0, 8); v8 += v12; v4 = rotateRight(v4 ^ v8, 7);
        v1 = v1 + v5 + m5; v13 = rotateRight(v13 ^ v1, 16); v9 += v13; v5 = rotateRight(v5 ^ v9, 12);
        v1 = v1 + v5 + m0; v13 = rotateRight(v13 ^ v1, 8); v9 += v13; v5 = rotateRight(v5 ^ v9, 7);
        v2 = v2 + v6 + m1; v14 = rotateRight(v14 ^ v2, 16); v10 += v14; v6 = rotateRight(v6 ^ v10, 12);
        v2 = v2 + v6 + m9; v14 = rotateRight(v14 ^ v2, 8); v10 += v14; v6 = rotateRight(v6 ^ v10, 7);
        v3 = v3 + v7 + m8; v15 = rotateRight(v15 ^ v3, 16); v11 += v15; v7 = rotateRight(v7 ^ v11, 12);
        v3 = v3 + v7 + m6; v15 = rotateRight(v15 ^ v3, 8); v11 += v15; v7 = rotateRight(v7 ^ v11, 7);
        v0 = v0 + v5 + m14; v15 = rotateRight(v15 ^ v0, 16); v10 += v15; v5 = rotateRight(v5 ^ v10, 12);
        v0 = v0 + v5 + m10; v15 = rotateRight(v15 ^ v0, 8); v10 += v15; v5 = rotateRight(v5 ^ v10, 7);
        v1 = v1 + v6 + m2; v12 = rotateRight(v12 ^ v1, 16); v11 += v12; v6 = rotateRight(v6 ^ v11, 12);
        v1 = v1 + v6 + m12; v12 = rotateRight(v12 ^ v1, 8); v11 += v12; v6 = rotateRight(v6 ^ v11, 7);
        v2 = v2 + v7 + m3; v13 = rotateRight(v13 ^ v2, 16); v8 += v13; v7 = rotateRight(v7 ^ v8, 12);
        v2 = v2 + v7 + m4; v13 = rotateRight(v13 ^ v2, 8); v8 += v13; v7 = rotateRight(v7 ^ v8, 7);
        v3 = v3 + v4 + m7; v14 = rotateRight(v14 ^ v3, 16); v9 += v14; v4 = rotateRight(v4 ^ v9, 12);
        v3 = v3 + v4 + m13; v14 = rotateRight(v14 ^ v3, 8); v9 += v14; v4 = rotateRight(v4 ^ v9, 7);

        out[0] = v0 ^ v8;
        out[1] = v1 ^ v9;
        out[2] = v2 ^ v10;
        out[3] = v3 ^ v11;
        out[4] = v4 ^ v12;
        out[5] = v5 ^ v13;
        out[6] = v6 ^ v14;
        out[7] = v7 ^ v15;
    }

    /**
     * Compresses a parent node whose children's chaining values lie next to each other, left
     * then right, as 64 little-endian bytes at {@code offset} of {@code children}, writing the
     * parent's chaining value (or, with {@link #ROOT} in {@code extraFlags}, the digest words)
     * to {@code out}.
     */
    public static void parent(byte[] children, int offset, int extraFlags, int[] out) {
        compress(IV, children, offset, 0, BLOCK_LEN, PARENT | extraFlags, out);
    }

    /** The 32-byte digest from eight output words at {@code offset} of {@code words}. */
    public static B3Digest toDigest(int[] words, int offset) {
        byte[] bytes = new byte[B3Digest.LENGTH];
        for (int i = 0; i < 8; i++) {
            writeIntLE(bytes, 4 * i, words[offset + i]);
        }
        return B3Digest.of(bytes);
    }

    /** Writes the eight words of {@code cv} little-endian to {@code bytes} at {@code offset}. */
    public static void encodeWords(int[] cv, byte[] bytes, int offset) {
        for (int i = 0; i < 8; i++) {
            LE_INT.set(bytes, offset + 4 * i, cv[i]);
        }
    }
}
