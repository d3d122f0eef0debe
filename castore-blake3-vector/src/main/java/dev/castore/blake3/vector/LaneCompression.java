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
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * BLAKE3 compressions of {@link #LANES} independent inputs at once, one per SIMD lane: lane i
 * holds word k of input i's state in vector k. Whole chunks go {@link #LANES} at a time, and so
 * do parent nodes, so that the levels above the chunks keep the same speed.
 *
 * <p>An instance holds the transposed state and message as scratch arrays; it is not
 * thread-safe. Compiled methods take and return arrays, never vectors, so nothing depends on
 * being inlined into a caller to avoid boxing.
 */
final class LaneCompression {

    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    /** How many chunks or parents one call compresses. */
    static final int LANES = SPECIES.length();

    private static final int[] IV = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
    private static final int BLOCKS_PER_CHUNK = CHUNK_LEN / BLOCK_LEN;
    /**
     * The offsets in the message array of the words each round reads, in order: BLAKE3's
     * message schedule (round r uses the permutation applied r times), times LANES.
     */
    private static final int[] SCHEDULE = scaled(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8,
            3, 4, 10, 12, 13, 2, 7, 14, 6, 5, 9, 0, 11, 15, 8, 1,
            10, 7, 12, 9, 14, 3, 13, 15, 4, 0, 11, 2, 5, 8, 1, 6,
            12, 13, 9, 11, 15, 10, 14, 8, 7, 2, 5, 3, 0, 1, 6, 4,
            9, 14, 11, 5, 8, 12, 15, 1, 13, 3, 0, 10, 2, 6, 4, 7,
            11, 15, 5, 0, 1, 9, 8, 6, 14, 10, 2, 12, 3, 4, 7, 13);

    private final int[] state = new int[8 * LANES];
    private final int[] message = new int[16 * LANES];
    private final int[] counters = new int[2 * LANES];
    private final int[] working = new int[16 * LANES];
    private final int[] chunkWords = new int[LANES * CHUNK_LEN / 4];

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
        // One bulk copy, then plain array moves: measured as fast as gathers on AVX2, and it
        // leaves the bounds checks of reading a segment word by word out of the inner loop.
        MemorySegment.copy(input, LE_INT, offset, chunkWords, 0, chunkWords.length);
        for (int b = 0; b < BLOCKS_PER_CHUNK; b++) {
            for (int i = 0; i < LANES; i++) {
                int from = i * (CHUNK_LEN / 4) + 16 * b;
                for (int w = 0; w < 16; w++) {
                    message[w * LANES + i] = chunkWords[from + w];
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
        Arrays.fill(counters, 0);
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
            Arrays.fill(state, k * LANES, (k + 1) * LANES, IV[k]);
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
    void compress(int[] h, int[] msg, int[] counters, int blockLen, int flags) {
        int[] v = working;
        System.arraycopy(h, 0, v, 0, 8 * LANES);
        for (int k = 0; k < 4; k++) {
            Arrays.fill(v, (8 + k) * LANES, (9 + k) * LANES, IV[k]);
        }
        System.arraycopy(counters, 0, v, 12 * LANES, 2 * LANES);
        Arrays.fill(v, 14 * LANES, 15 * LANES, blockLen);
        Arrays.fill(v, 15 * LANES, 16 * LANES, flags);
        rounds(v, msg);
        for (int k = 0; k < 8; k++) {
            IntVector.fromArray(SPECIES, v, k * LANES)
                    .lanewise(XOR, IntVector.fromArray(SPECIES, v, (k + 8) * LANES))
                    .intoArray(h, k * LANES);
        }
    }

    private static void rounds(int[] v, int[] msg) {
        for (int r = 0; r < 7 * 16; r += 16) {
            round(v, msg, r);
        }
    }

    /**
     * One round, its message words from {@code SCHEDULE[r..r+16)}. The unit of compiled code:
     * a round keeps its 16 state vectors in registers and takes arrays, not vectors. It calls
     * the Vector API directly: every helper method of ours would count against the JIT's inlining
     * budget, which ends after two or three G's, and a vector passed to a method that was not
     * inlined is boxed on the heap, slower than scalar code. Seven unrolled rounds in one method
     * exceed HotSpot's 8000-byte limit for compiled methods and would stay interpreted.
     */
    private static void round(int[] v, int[] msg, int r) {
        IntVector v0 = IntVector.fromArray(SPECIES, v, 0 * LANES);
        IntVector v1 = IntVector.fromArray(SPECIES, v, 1 * LANES);
        IntVector v2 = IntVector.fromArray(SPECIES, v, 2 * LANES);
        IntVector v3 = IntVector.fromArray(SPECIES, v, 3 * LANES);
        IntVector v4 = IntVector.fromArray(SPECIES, v, 4 * LANES);
        IntVector v5 = IntVector.fromArray(SPECIES, v, 5 * LANES);
        IntVector v6 = IntVector.fromArray(SPECIES, v, 6 * LANES);
        IntVector v7 = IntVector.fromArray(SPECIES, v, 7 * LANES);
        IntVector v8 = IntVector.fromArray(SPECIES, v, 8 * LANES);
        IntVector v9 = IntVector.fromArray(SPECIES, v, 9 * LANES);
        IntVector v10 = IntVector.fromArray(SPECIES, v, 10 * LANES);
        IntVector v11 = IntVector.fromArray(SPECIES, v, 11 * LANES);
        IntVector v12 = IntVector.fromArray(SPECIES, v, 12 * LANES);
        IntVector v13 = IntVector.fromArray(SPECIES, v, 13 * LANES);
        IntVector v14 = IntVector.fromArray(SPECIES, v, 14 * LANES);
        IntVector v15 = IntVector.fromArray(SPECIES, v, 15 * LANES);
        v0 = v0.add(v4).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 0]));
        v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16);
        v8 = v8.add(v12);
        v4 = v4.lanewise(XOR, v8).lanewise(ROR, 12);
        v0 = v0.add(v4).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 1]));
        v12 = v12.lanewise(XOR, v0).lanewise(ROR, 8);
        v8 = v8.add(v12);
        v4 = v4.lanewise(XOR, v8).lanewise(ROR, 7);
        v1 = v1.add(v5).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 2]));
        v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16);
        v9 = v9.add(v13);
        v5 = v5.lanewise(XOR, v9).lanewise(ROR, 12);
        v1 = v1.add(v5).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 3]));
        v13 = v13.lanewise(XOR, v1).lanewise(ROR, 8);
        v9 = v9.add(v13);
        v5 = v5.lanewise(XOR, v9).lanewise(ROR, 7);
        v2 = v2.add(v6).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 4]));
        v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16);
        v10 = v10.add(v14);
        v6 = v6.lanewise(XOR, v10).lanewise(ROR, 12);
        v2 = v2.add(v6).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 5]));
        v14 = v14.lanewise(XOR, v2).lanewise(ROR, 8);
        v10 = v10.add(v14);
        v6 = v6.lanewise(XOR, v10).lanewise(ROR, 7);
        v3 = v3.add(v7).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 6]));
        v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16);
        v11 = v11.add(v15);
        v7 = v7.lanewise(XOR, v11).lanewise(ROR, 12);
        v3 = v3.add(v7).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 7]));
        v15 = v15.lanewise(XOR, v3).lanewise(ROR, 8);
        v11 = v11.add(v15);
        v7 = v7.lanewise(XOR, v11).lanewise(ROR, 7);
        v0 = v0.add(v5).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 8]));
        v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16);
        v10 = v10.add(v15);
        v5 = v5.lanewise(XOR, v10).lanewise(ROR, 12);
        v0 = v0.add(v5).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 9]));
        v15 = v15.lanewise(XOR, v0).lanewise(ROR, 8);
        v10 = v10.add(v15);
        v5 = v5.lanewise(XOR, v10).lanewise(ROR, 7);
        v1 = v1.add(v6).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 10]));
        v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16);
        v11 = v11.add(v12);
        v6 = v6.lanewise(XOR, v11).lanewise(ROR, 12);
        v1 = v1.add(v6).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 11]));
        v12 = v12.lanewise(XOR, v1).lanewise(ROR, 8);
        v11 = v11.add(v12);
        v6 = v6.lanewise(XOR, v11).lanewise(ROR, 7);
        v2 = v2.add(v7).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 12]));
        v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16);
        v8 = v8.add(v13);
        v7 = v7.lanewise(XOR, v8).lanewise(ROR, 12);
        v2 = v2.add(v7).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 13]));
        v13 = v13.lanewise(XOR, v2).lanewise(ROR, 8);
        v8 = v8.add(v13);
        v7 = v7.lanewise(XOR, v8).lanewise(ROR, 7);
        v3 = v3.add(v4).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 14]));
        v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16);
        v9 = v9.add(v14);
        v4 = v4.lanewise(XOR, v9).lanewise(ROR, 12);
        v3 = v3.add(v4).add(IntVector.fromArray(SPECIES, msg, SCHEDULE[r + 15]));
        v14 = v14.lanewise(XOR, v3).lanewise(ROR, 8);
        v9 = v9.add(v14);
        v4 = v4.lanewise(XOR, v9).lanewise(ROR, 7);
        v0.intoArray(v, 0 * LANES);
        v1.intoArray(v, 1 * LANES);
        v2.intoArray(v, 2 * LANES);
        v3.intoArray(v, 3 * LANES);
        v4.intoArray(v, 4 * LANES);
        v5.intoArray(v, 5 * LANES);
        v6.intoArray(v, 6 * LANES);
        v7.intoArray(v, 7 * LANES);
        v8.intoArray(v, 8 * LANES);
        v9.intoArray(v, 9 * LANES);
        v10.intoArray(v, 10 * LANES);
        v11.intoArray(v, 11 * LANES);
        v12.intoArray(v, 12 * LANES);
        v13.intoArray(v, 13 * LANES);
        v14.intoArray(v, 14 * LANES);
        v15.intoArray(v, 15 * LANES);
    }

    private static int[] scaled(int... words) {
        int[] offsets = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            offsets[i] = words[i] * LANES;
        }
        return offsets;
    }
}
