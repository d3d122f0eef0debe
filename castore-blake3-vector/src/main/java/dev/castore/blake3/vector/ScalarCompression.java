package dev.castore.blake3.vector;

import static java.lang.Integer.rotateRight;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The BLAKE3 compression function and its constants, scalar and allocation-free.
 *
 * <p>Used for the steps not worth spreading over lanes: partial chunks, the few parent nodes
 * near the root, and the root itself. It is the api's internal {@code Blake3Compression} again:
 * this module may be loaded in a plugin layer of its own, where no qualified export of the api's
 * internals can reach it. Both copies are checked against the same official vectors.
 */
final class ScalarCompression {

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

    /** A little-endian int at any byte offset, in heap and native segments alike. */
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ScalarCompression() {}

    /** Writes the eight IV words to {@code cv} at {@code offset}. */
    public static void initChainingValue(int[] cv, int offset) {
        System.arraycopy(IV, 0, cv, offset, 8);
    }

    /** Decodes the 64-byte block at {@code offset} of {@code input} into 16 message words. */
    public static void decodeBlock(MemorySegment input, long offset, int[] words) {
        MemorySegment.copy(input, LE_INT, offset, words, 0, 16);
    }

    /**
     * Compresses one block and keeps the first eight output words, which are both the chaining
     * value and, with {@link #ROOT}, the 32-byte digest.
     *
     * @param cv the input chaining value, eight words at {@code cvOff}
     * @param m the sixteen message words at {@code mOff}
     * @param counter the chunk counter (0 for parents and the root's first output block)
     * @param blockLen the number of meaningful bytes in the block (the rest is zero)
     * @param flags the domain flags
     * @param out where the eight result words go, at {@code outOff}; may be {@code cv} or {@code m}
     */
    public static void compress(int[] cv, int cvOff, int[] m, int mOff, long counter, int blockLen,
            int flags, int[] out, int outOff) {
        int m0 = m[mOff], m1 = m[mOff + 1], m2 = m[mOff + 2], m3 = m[mOff + 3];
        int m4 = m[mOff + 4], m5 = m[mOff + 5], m6 = m[mOff + 6], m7 = m[mOff + 7];
        int m8 = m[mOff + 8], m9 = m[mOff + 9], m10 = m[mOff + 10], m11 = m[mOff + 11];
        int m12 = m[mOff + 12], m13 = m[mOff + 13], m14 = m[mOff + 14], m15 = m[mOff + 15];
        int v0 = cv[cvOff], v1 = cv[cvOff + 1], v2 = cv[cvOff + 2], v3 = cv[cvOff + 3];
        int v4 = cv[cvOff + 4], v5 = cv[cvOff + 5], v6 = cv[cvOff + 6], v7 = cv[cvOff + 7];
        // From the array, not as constants: C2 reassociates (IV + x) + y into (x + y) + IV and
        // would carry the constants through all seven rounds (the api's compression measured 2x).
        int v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        int v12 = (int) counter, v13 = (int) (counter >>> 32), v14 = blockLen, v15 = flags;
        // a = a + b + m in this order adds into a's register in place; a += b + m needs a copy
        // of b first (the api's compression measured 15% more time per block).
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

        out[outOff] = v0 ^ v8;
        out[outOff + 1] = v1 ^ v9;
        out[outOff + 2] = v2 ^ v10;
        out[outOff + 3] = v3 ^ v11;
        out[outOff + 4] = v4 ^ v12;
        out[outOff + 5] = v5 ^ v13;
        out[outOff + 6] = v6 ^ v14;
        out[outOff + 7] = v7 ^ v15;
    }

    /**
     * Compresses a parent node whose children's chaining values lie next to each other, left
     * then right, at {@code children[offset..offset+16)}, writing the parent's chaining value
     * (or, with {@link #ROOT} in {@code extraFlags}, the digest words) to {@code out}.
     */
    public static void parent(int[] children, int offset, int extraFlags, int[] out, int outOff) {
        compress(IV, 0, children, offset, 0, BLOCK_LEN, PARENT | extraFlags, out, outOff);
    }
}
