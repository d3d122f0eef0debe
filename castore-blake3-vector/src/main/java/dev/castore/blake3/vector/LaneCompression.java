package dev.castore.blake3.vector;

import static dev.castore.api.internal.hash.Blake3Compression.BLOCK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_END;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_LEN;
import static dev.castore.api.internal.hash.Blake3Compression.CHUNK_START;
import static dev.castore.api.internal.hash.Blake3Compression.IV0;
import static dev.castore.api.internal.hash.Blake3Compression.IV1;
import static dev.castore.api.internal.hash.Blake3Compression.IV2;
import static dev.castore.api.internal.hash.Blake3Compression.IV3;
import static dev.castore.api.internal.hash.Blake3Compression.IV4;
import static dev.castore.api.internal.hash.Blake3Compression.IV5;
import static dev.castore.api.internal.hash.Blake3Compression.IV6;
import static dev.castore.api.internal.hash.Blake3Compression.IV7;
import static dev.castore.api.internal.hash.Blake3Compression.PARENT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.REVERSE_BYTES;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * BLAKE3 compressions of up to {@link #LANES} independent inputs at once, one per SIMD lane:
 * lane i holds word k of input i's state in vector k. Whole chunks go eight at a time, and so do
 * parent nodes, so that the levels above the chunks keep the same speed.
 *
 * <p>An instance holds the transposed state and message as scratch arrays; it is not
 * thread-safe. Compiled methods take and return arrays, never vectors, so nothing depends on
 * being inlined into a caller to avoid boxing: a vector that crosses a call that was not
 * inlined is boxed on the heap, slower than scalar code.
 *
 * <p>Where the time goes, measured on AVX2 (see BENCHMARKS.md): about three quarters in
 * {@link #compress}, whose floor is the rotations (AVX2 has no vector rotate, so a rotation by
 * 12, 8 or 7 is two shifts and an or; by 16 it is two byte shuffles), and most of the rest in
 * the transposition of the message words into lanes.
 */
final class LaneCompression {

    /** Eight int lanes: 256-bit vectors, native on AVX2 and AVX-512 alike. */
    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_256;
    /** How many chunks or parents one call compresses at most. */
    static final int LANES = 8;

    private static final int BLOCKS_PER_CHUNK = CHUNK_LEN / BLOCK_LEN;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK_WORDS = CHUNK_LEN / 4;
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

    // The 8x8 transposition: three butterfly stages, stage d swapping bit d of the row with bit
    // d of the column. XOR_d moves every element to the lane that differs in bit d; HIGH_d
    // selects the lanes that have bit d set. Stage 1 works on 64-bit pairs with shifts instead.
    private static final VectorShuffle<Integer> XOR_2 = VectorShuffle.fromOp(SPECIES, i -> i ^ 2);
    private static final VectorShuffle<Integer> XOR_4 = VectorShuffle.fromOp(SPECIES, i -> i ^ 4);
    private static final VectorMask<Integer> HIGH_2 = VectorMask.fromLong(SPECIES, 0b1100_1100);
    private static final VectorMask<Integer> HIGH_4 = VectorMask.fromLong(SPECIES, 0b1111_0000);
    private static final long LOW_WORD = 0xFFFF_FFFFL;
    private static final long HIGH_WORD = 0xFFFF_FFFF_0000_0000L;

    private final int[] state = new int[8 * LANES];
    private final int[] message = new int[16 * LANES];
    private final int[] counters = new int[2 * LANES];
    private final int[] chunkWords = new int[LANES * CHUNK_WORDS];
    private final int[] results = new int[8 * LANES];

    /**
     * Hashes the {@code count} (1 to {@link #LANES}) whole chunks at
     * {@code input[offset..offset + count * 1024)}, the first with chunk counter {@code counter},
     * and writes their chaining values, eight words each, to {@code cvs} from {@code cvOff} on.
     * Fewer than {@link #LANES} chunks cost as much as a full group.
     */
    void chunks(MemorySegment input, long offset, long counter, int count, int[] cvs, int cvOff) {
        for (int i = 0; i < LANES; i++) {
            counters[i] = (int) (counter + i);
            counters[LANES + i] = (int) ((counter + i) >>> 32);
        }
        initState(state);
        // One bulk copy into ints; lanes past count keep what they held and their results are
        // dropped.
        MemorySegment.copy(input, LE_INT, offset, chunkWords, 0, count * CHUNK_WORDS);
        for (int b = 0; b < BLOCKS_PER_CHUNK; b++) {
            transpose(chunkWords, 16 * b, CHUNK_WORDS, message, 0, LANES);
            transpose(chunkWords, 16 * b + 8, CHUNK_WORDS, message, 8 * LANES, LANES);
            int flags = (b == 0 ? CHUNK_START : 0) | (b == BLOCKS_PER_CHUNK - 1 ? CHUNK_END : 0);
            compress(state, message, counters, BLOCK_LEN, flags);
        }
        storeResults(count, cvs, cvOff);
    }

    /**
     * Compresses {@code count} (1 to {@link #LANES}) parent nodes: parent i's children are the 16
     * words at {@code cvs[offset + 16 i]}; its chaining value goes to {@code out[outOff + 8 i]}.
     * The output may overlap the input from below, so a tree level can be reduced in place.
     * {@code cvs} must hold {@link #LANES} parents' words from {@code offset} on, whatever count.
     */
    void parents(int[] cvs, int offset, int count, int[] out, int outOff) {
        Arrays.fill(counters, 0);
        initState(state);
        transpose(cvs, offset, 16, message, 0, LANES);
        transpose(cvs, offset + 8, 16, message, 8 * LANES, LANES);
        compress(state, message, counters, BLOCK_LEN, PARENT);
        storeResults(count, out, outOff);
    }

    private void storeResults(int count, int[] cvs, int cvOff) {
        transpose(state, 0, LANES, results, 0, 8);
        System.arraycopy(results, 0, cvs, cvOff, 8 * count);
    }

    private static void initState(int[] h) {
        IntVector.broadcast(SPECIES, IV0).intoArray(h, 0);
        IntVector.broadcast(SPECIES, IV1).intoArray(h, LANES);
        IntVector.broadcast(SPECIES, IV2).intoArray(h, 2 * LANES);
        IntVector.broadcast(SPECIES, IV3).intoArray(h, 3 * LANES);
        IntVector.broadcast(SPECIES, IV4).intoArray(h, 4 * LANES);
        IntVector.broadcast(SPECIES, IV5).intoArray(h, 5 * LANES);
        IntVector.broadcast(SPECIES, IV6).intoArray(h, 6 * LANES);
        IntVector.broadcast(SPECIES, IV7).intoArray(h, 7 * LANES);
    }

    /**
     * Transposes the 8x8 matrix whose row i is the eight words at {@code src[srcOff + i * srcStride]}
     * into {@code dst}, row j (word j of every source row) at {@code dst[dstOff + j * dstStride]}.
     */
    static void transpose(int[] src, int srcOff, int srcStride, int[] dst, int dstOff, int dstStride) {
        IntVector r0 = IntVector.fromArray(SPECIES, src, srcOff);
        IntVector r1 = IntVector.fromArray(SPECIES, src, srcOff + srcStride);
        IntVector r2 = IntVector.fromArray(SPECIES, src, srcOff + 2 * srcStride);
        IntVector r3 = IntVector.fromArray(SPECIES, src, srcOff + 3 * srcStride);
        IntVector r4 = IntVector.fromArray(SPECIES, src, srcOff + 4 * srcStride);
        IntVector r5 = IntVector.fromArray(SPECIES, src, srcOff + 5 * srcStride);
        IntVector r6 = IntVector.fromArray(SPECIES, src, srcOff + 6 * srcStride);
        IntVector r7 = IntVector.fromArray(SPECIES, src, srcOff + 7 * srcStride);
        // Stage 1 on 64-bit pairs: two shifts, an and and an or instead of shuffles and blends.
        LongVector p0 = r0.reinterpretAsLongs();
        LongVector q0 = r1.reinterpretAsLongs();
        IntVector t0 = p0.and(LOW_WORD).or(q0.lanewise(LSHL, 32)).reinterpretAsInts();
        IntVector t1 = p0.lanewise(LSHR, 32).or(q0.and(HIGH_WORD)).reinterpretAsInts();
        LongVector p2 = r2.reinterpretAsLongs();
        LongVector q2 = r3.reinterpretAsLongs();
        IntVector t2 = p2.and(LOW_WORD).or(q2.lanewise(LSHL, 32)).reinterpretAsInts();
        IntVector t3 = p2.lanewise(LSHR, 32).or(q2.and(HIGH_WORD)).reinterpretAsInts();
        LongVector p4 = r4.reinterpretAsLongs();
        LongVector q4 = r5.reinterpretAsLongs();
        IntVector t4 = p4.and(LOW_WORD).or(q4.lanewise(LSHL, 32)).reinterpretAsInts();
        IntVector t5 = p4.lanewise(LSHR, 32).or(q4.and(HIGH_WORD)).reinterpretAsInts();
        LongVector p6 = r6.reinterpretAsLongs();
        LongVector q6 = r7.reinterpretAsLongs();
        IntVector t6 = p6.and(LOW_WORD).or(q6.lanewise(LSHL, 32)).reinterpretAsInts();
        IntVector t7 = p6.lanewise(LSHR, 32).or(q6.and(HIGH_WORD)).reinterpretAsInts();
        r0 = t0.blend(t2.rearrange(XOR_2), HIGH_2);
        r2 = t0.rearrange(XOR_2).blend(t2, HIGH_2);
        r1 = t1.blend(t3.rearrange(XOR_2), HIGH_2);
        r3 = t1.rearrange(XOR_2).blend(t3, HIGH_2);
        r4 = t4.blend(t6.rearrange(XOR_2), HIGH_2);
        r6 = t4.rearrange(XOR_2).blend(t6, HIGH_2);
        r5 = t5.blend(t7.rearrange(XOR_2), HIGH_2);
        r7 = t5.rearrange(XOR_2).blend(t7, HIGH_2);
        r0.blend(r4.rearrange(XOR_4), HIGH_4).intoArray(dst, dstOff);
        r0.rearrange(XOR_4).blend(r4, HIGH_4).intoArray(dst, dstOff + 4 * dstStride);
        r1.blend(r5.rearrange(XOR_4), HIGH_4).intoArray(dst, dstOff + dstStride);
        r1.rearrange(XOR_4).blend(r5, HIGH_4).intoArray(dst, dstOff + 5 * dstStride);
        r2.blend(r6.rearrange(XOR_4), HIGH_4).intoArray(dst, dstOff + 2 * dstStride);
        r2.rearrange(XOR_4).blend(r6, HIGH_4).intoArray(dst, dstOff + 6 * dstStride);
        r3.blend(r7.rearrange(XOR_4), HIGH_4).intoArray(dst, dstOff + 3 * dstStride);
        r3.rearrange(XOR_4).blend(r7, HIGH_4).intoArray(dst, dstOff + 7 * dstStride);
    }

    /**
     * One compression in every lane: {@code h} (8 vectors) is replaced by the new chaining
     * values. The unit of compiled code: the 16 state vectors stay in registers through the
     * seven rounds, which are a loop, not unrolled, so that the method stays within what C2
     * inlines and compiles in one piece. Within a round, the four G functions of the columns,
     * then of the diagonals, go step by step together, and a = a + m + b adds the message word
     * before b is ready, one add less on the critical path (measured: 15% less time per block).
     */
    static void compress(int[] h, int[] m, int[] ctr, int blockLen, int flags) {
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
        IntVector v12 = IntVector.fromArray(SPECIES, ctr, 0);
        IntVector v13 = IntVector.fromArray(SPECIES, ctr, LANES);
        IntVector v14 = IntVector.broadcast(SPECIES, blockLen);
        IntVector v15 = IntVector.broadcast(SPECIES, flags);
        // Rotation by 16 is two byte reversals, of the int and then of each of its halves: two
        // byte shuffles, one instruction less than two shifts and an or.
        for (int r = 0; r < 7 * 16; r += 16) {
            // Columns: G on (v0, v4, v8, v12), (v1, v5, v9, v13), (v2, v6, v10, v14), (v3, v7, v11, v15).
            v0 = v0.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 0])).add(v4);
            v1 = v1.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 2])).add(v5);
            v2 = v2.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 4])).add(v6);
            v3 = v3.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 6])).add(v7);
            v12 = v12.lanewise(XOR, v0).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v13 = v13.lanewise(XOR, v1).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v14 = v14.lanewise(XOR, v2).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v15 = v15.lanewise(XOR, v3).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v8 = v8.add(v12);
            v9 = v9.add(v13);
            v10 = v10.add(v14);
            v11 = v11.add(v15);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 12);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 12);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 12);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 12);
            v0 = v0.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 1])).add(v4);
            v1 = v1.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 3])).add(v5);
            v2 = v2.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 5])).add(v6);
            v3 = v3.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 7])).add(v7);
            v12 = v12.lanewise(XOR, v0).lanewise(ROR, 8);
            v13 = v13.lanewise(XOR, v1).lanewise(ROR, 8);
            v14 = v14.lanewise(XOR, v2).lanewise(ROR, 8);
            v15 = v15.lanewise(XOR, v3).lanewise(ROR, 8);
            v8 = v8.add(v12);
            v9 = v9.add(v13);
            v10 = v10.add(v14);
            v11 = v11.add(v15);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 7);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 7);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 7);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 7);
            // Diagonals: G on (v0, v5, v10, v15), (v1, v6, v11, v12), (v2, v7, v8, v13), (v3, v4, v9, v14).
            v0 = v0.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 8])).add(v5);
            v1 = v1.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 10])).add(v6);
            v2 = v2.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 12])).add(v7);
            v3 = v3.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 14])).add(v4);
            v15 = v15.lanewise(XOR, v0).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v12 = v12.lanewise(XOR, v1).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v13 = v13.lanewise(XOR, v2).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v14 = v14.lanewise(XOR, v3).lanewise(REVERSE_BYTES).reinterpretAsShorts().lanewise(REVERSE_BYTES).reinterpretAsInts();
            v10 = v10.add(v15);
            v11 = v11.add(v12);
            v8 = v8.add(v13);
            v9 = v9.add(v14);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 12);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 12);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 12);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 12);
            v0 = v0.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 9])).add(v5);
            v1 = v1.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 11])).add(v6);
            v2 = v2.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 13])).add(v7);
            v3 = v3.add(IntVector.fromArray(SPECIES, m, SCHEDULE[r + 15])).add(v4);
            v15 = v15.lanewise(XOR, v0).lanewise(ROR, 8);
            v12 = v12.lanewise(XOR, v1).lanewise(ROR, 8);
            v13 = v13.lanewise(XOR, v2).lanewise(ROR, 8);
            v14 = v14.lanewise(XOR, v3).lanewise(ROR, 8);
            v10 = v10.add(v15);
            v11 = v11.add(v12);
            v8 = v8.add(v13);
            v9 = v9.add(v14);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 7);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 7);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 7);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 7);
        }
        v0.lanewise(XOR, v8).intoArray(h, 0);
        v1.lanewise(XOR, v9).intoArray(h, LANES);
        v2.lanewise(XOR, v10).intoArray(h, 2 * LANES);
        v3.lanewise(XOR, v11).intoArray(h, 3 * LANES);
        v4.lanewise(XOR, v12).intoArray(h, 4 * LANES);
        v5.lanewise(XOR, v13).intoArray(h, 5 * LANES);
        v6.lanewise(XOR, v14).intoArray(h, 6 * LANES);
        v7.lanewise(XOR, v15).intoArray(h, 7 * LANES);
    }

    private static int[] scaled(int... words) {
        int[] offsets = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            offsets[i] = words[i] * LANES;
        }
        return offsets;
    }
}
