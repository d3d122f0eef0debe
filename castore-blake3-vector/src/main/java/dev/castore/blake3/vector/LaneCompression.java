package dev.castore.blake3.vector;

import static dev.castore.blake3.vector.ScalarCompression.BLOCK_LEN;
import static dev.castore.blake3.vector.ScalarCompression.CHUNK_END;
import static dev.castore.blake3.vector.ScalarCompression.CHUNK_LEN;
import static dev.castore.blake3.vector.ScalarCompression.CHUNK_START;
import static dev.castore.blake3.vector.ScalarCompression.IV0;
import static dev.castore.blake3.vector.ScalarCompression.IV1;
import static dev.castore.blake3.vector.ScalarCompression.IV2;
import static dev.castore.blake3.vector.ScalarCompression.IV3;
import static dev.castore.blake3.vector.ScalarCompression.IV4;
import static dev.castore.blake3.vector.ScalarCompression.IV5;
import static dev.castore.blake3.vector.ScalarCompression.IV6;
import static dev.castore.blake3.vector.ScalarCompression.IV7;
import static dev.castore.blake3.vector.ScalarCompression.LE_INT;
import static dev.castore.blake3.vector.ScalarCompression.PARENT;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * BLAKE3 compressions of {@link #LANES} independent inputs at once, one per SIMD lane: lane i
 * holds word k of input i's state in vector k. Whole chunks go {@link #LANES} at a time, and so
 * do parent nodes, so that the levels above the chunks keep the same speed.
 *
 * <p>An instance holds the transposed state and message as scratch arrays; it is not
 * thread-safe. The compression itself takes and returns arrays, never vectors, so it does not
 * depend on being inlined into its callers to avoid boxing.
 */
final class LaneCompression {

    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    /** How many chunks or parents one call compresses. */
    static final int LANES = SPECIES.length();

    private static final int[] IV = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
    private static final int BLOCKS_PER_CHUNK = CHUNK_LEN / BLOCK_LEN;

    private final int[] state = new int[8 * LANES];
    private final int[] message = new int[16 * LANES];
    private final int[] counters = new int[2 * LANES];

    /**
     * Hashes the {@link #LANES} whole chunks at {@code input[offset..offset + LANES * 1024)},
     * the first with chunk counter {@code counter}, and writes their chaining values, eight
     * words each, to {@code cvs} from {@code cvOff} on.
     */
    void chunks(MemorySegment input, long offset, long counter, int[] cvs, int cvOff) {
        for (int i = 0; i < LANES; i++) {
            counters[i] = (int) (counter + i);
            counters[LANES + i] = (int) ((counter + i) >>> 32);
        }
        initState();
        for (int b = 0; b < BLOCKS_PER_CHUNK; b++) {
            long blockOffset = offset + (long) b * BLOCK_LEN;
            for (int i = 0; i < LANES; i++) {
                long p = blockOffset + (long) i * CHUNK_LEN;
                for (int w = 0; w < 16; w++) {
                    message[w * LANES + i] = input.get(LE_INT, p + 4 * w);
                }
            }
            int flags = (b == 0 ? CHUNK_START : 0) | (b == BLOCKS_PER_CHUNK - 1 ? CHUNK_END : 0);
            compress(state, message, counters, BLOCK_LEN, flags);
        }
        storeState(cvs, cvOff);
    }

    /**
     * Compresses {@link #LANES} parent nodes: parent i's children are the 16 words at
     * {@code cvs[offset + 16 i]}; its chaining value goes to {@code out[outOff + 8 i]}. The output
     * may overlap the input from below, so a tree level can be reduced in place.
     */
    void parents(int[] cvs, int offset, int[] out, int outOff) {
        java.util.Arrays.fill(counters, 0);
        initState();
        for (int i = 0; i < LANES; i++) {
            for (int w = 0; w < 16; w++) {
                message[w * LANES + i] = cvs[offset + 16 * i + w];
            }
        }
        compress(state, message, counters, BLOCK_LEN, PARENT);
        storeState(out, outOff);
    }

    private void initState() {
        for (int k = 0; k < 8; k++) {
            java.util.Arrays.fill(state, k * LANES, (k + 1) * LANES, IV[k]);
        }
    }

    private void storeState(int[] cvs, int cvOff) {
        for (int i = 0; i < LANES; i++) {
            for (int k = 0; k < 8; k++) {
                cvs[cvOff + 8 * i + k] = state[k * LANES + i];
            }
        }
    }

    /** One compression in every lane; {@code h} (8 vectors) is replaced by the new chaining values. */
    static void compress(int[] h, int[] msg, int[] counters, int blockLen, int flags) {
        IntVector m0 = IntVector.fromArray(SPECIES, msg, 0);
        IntVector m1 = IntVector.fromArray(SPECIES, msg, LANES);
        IntVector m2 = IntVector.fromArray(SPECIES, msg, 2 * LANES);
        IntVector m3 = IntVector.fromArray(SPECIES, msg, 3 * LANES);
        IntVector m4 = IntVector.fromArray(SPECIES, msg, 4 * LANES);
        IntVector m5 = IntVector.fromArray(SPECIES, msg, 5 * LANES);
        IntVector m6 = IntVector.fromArray(SPECIES, msg, 6 * LANES);
        IntVector m7 = IntVector.fromArray(SPECIES, msg, 7 * LANES);
        IntVector m8 = IntVector.fromArray(SPECIES, msg, 8 * LANES);
        IntVector m9 = IntVector.fromArray(SPECIES, msg, 9 * LANES);
        IntVector m10 = IntVector.fromArray(SPECIES, msg, 10 * LANES);
        IntVector m11 = IntVector.fromArray(SPECIES, msg, 11 * LANES);
        IntVector m12 = IntVector.fromArray(SPECIES, msg, 12 * LANES);
        IntVector m13 = IntVector.fromArray(SPECIES, msg, 13 * LANES);
        IntVector m14 = IntVector.fromArray(SPECIES, msg, 14 * LANES);
        IntVector m15 = IntVector.fromArray(SPECIES, msg, 15 * LANES);
        IntVector v0 = IntVector.fromArray(SPECIES, h, 0);
        IntVector v1 = IntVector.fromArray(SPECIES, h, LANES);
        IntVector v2 = IntVector.fromArray(SPECIES, h, 2 * LANES);
        IntVector v3 = IntVector.fromArray(SPECIES, h, 3 * LANES);
        IntVector v4 = IntVector.fromArray(SPECIES, h, 4 * LANES);
        IntVector v5 = IntVector.fromArray(SPECIES, h, 5 * LANES);
        IntVector v6 = IntVector.fromArray(SPECIES, h, 6 * LANES);
        IntVector v7 = IntVector.fromArray(SPECIES, h, 7 * LANES);
        IntVector v8 = IntVector.broadcast(SPECIES, IV0);
        IntVector v9 = IntVector.broadcast(SPECIES, IV1);
        IntVector v10 = IntVector.broadcast(SPECIES, IV2);
        IntVector v11 = IntVector.broadcast(SPECIES, IV3);
        IntVector v12 = IntVector.fromArray(SPECIES, counters, 0);
        IntVector v13 = IntVector.fromArray(SPECIES, counters, LANES);
        IntVector v14 = IntVector.broadcast(SPECIES, blockLen);
        IntVector v15 = IntVector.broadcast(SPECIES, flags);
        // round 1
        v0 = v0.add(v4).add(m0); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m1); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m2); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m3); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m4); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m5); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m6); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m7); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m8); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m9); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m10); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m11); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m12); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m13); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m14); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m15); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 2
        v0 = v0.add(v4).add(m2); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m6); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m3); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m10); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m7); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m0); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m4); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m13); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m1); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m11); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m12); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m5); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m9); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m14); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m15); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m8); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 3
        v0 = v0.add(v4).add(m3); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m4); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m10); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m12); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m13); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m2); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m7); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m14); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m6); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m5); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m9); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m0); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m11); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m15); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m8); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m1); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 4
        v0 = v0.add(v4).add(m10); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m7); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m12); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m9); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m14); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m3); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m13); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m15); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m4); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m0); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m11); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m2); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m5); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m8); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m1); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m6); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 5
        v0 = v0.add(v4).add(m12); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m13); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m9); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m11); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m15); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m10); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m14); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m8); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m7); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m2); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m5); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m3); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m0); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m1); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m6); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m4); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 6
        v0 = v0.add(v4).add(m9); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m14); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m11); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m5); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m8); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m12); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m15); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m1); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m13); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m3); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m0); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m10); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m2); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m6); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m4); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m7); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);
        // round 7
        v0 = v0.add(v4).add(m11); v12 = ror16(v12, v0); v8 = v8.add(v12); v4 = ror12(v4, v8);
        v0 = v0.add(v4).add(m15); v12 = ror8(v12, v0); v8 = v8.add(v12); v4 = ror7(v4, v8);
        v1 = v1.add(v5).add(m5); v13 = ror16(v13, v1); v9 = v9.add(v13); v5 = ror12(v5, v9);
        v1 = v1.add(v5).add(m0); v13 = ror8(v13, v1); v9 = v9.add(v13); v5 = ror7(v5, v9);
        v2 = v2.add(v6).add(m1); v14 = ror16(v14, v2); v10 = v10.add(v14); v6 = ror12(v6, v10);
        v2 = v2.add(v6).add(m9); v14 = ror8(v14, v2); v10 = v10.add(v14); v6 = ror7(v6, v10);
        v3 = v3.add(v7).add(m8); v15 = ror16(v15, v3); v11 = v11.add(v15); v7 = ror12(v7, v11);
        v3 = v3.add(v7).add(m6); v15 = ror8(v15, v3); v11 = v11.add(v15); v7 = ror7(v7, v11);
        v0 = v0.add(v5).add(m14); v15 = ror16(v15, v0); v10 = v10.add(v15); v5 = ror12(v5, v10);
        v0 = v0.add(v5).add(m10); v15 = ror8(v15, v0); v10 = v10.add(v15); v5 = ror7(v5, v10);
        v1 = v1.add(v6).add(m2); v12 = ror16(v12, v1); v11 = v11.add(v12); v6 = ror12(v6, v11);
        v1 = v1.add(v6).add(m12); v12 = ror8(v12, v1); v11 = v11.add(v12); v6 = ror7(v6, v11);
        v2 = v2.add(v7).add(m3); v13 = ror16(v13, v2); v8 = v8.add(v13); v7 = ror12(v7, v8);
        v2 = v2.add(v7).add(m4); v13 = ror8(v13, v2); v8 = v8.add(v13); v7 = ror7(v7, v8);
        v3 = v3.add(v4).add(m7); v14 = ror16(v14, v3); v9 = v9.add(v14); v4 = ror12(v4, v9);
        v3 = v3.add(v4).add(m13); v14 = ror8(v14, v3); v9 = v9.add(v14); v4 = ror7(v4, v9);

        xor(v0, v8).intoArray(h, 0);
        xor(v1, v9).intoArray(h, LANES);
        xor(v2, v10).intoArray(h, 2 * LANES);
        xor(v3, v11).intoArray(h, 3 * LANES);
        xor(v4, v12).intoArray(h, 4 * LANES);
        xor(v5, v13).intoArray(h, 5 * LANES);
        xor(v6, v14).intoArray(h, 6 * LANES);
        xor(v7, v15).intoArray(h, 7 * LANES);
    }

    private static IntVector xor(IntVector a, IntVector b) {
        return a.lanewise(VectorOperators.XOR, b);
    }

    private static IntVector ror16(IntVector d, IntVector a) {
        return d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 16);
    }

    private static IntVector ror12(IntVector d, IntVector a) {
        return d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 12);
    }

    private static IntVector ror8(IntVector d, IntVector a) {
        return d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 8);
    }

    private static IntVector ror7(IntVector d, IntVector a) {
        return d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.ROR, 7);
    }
}
