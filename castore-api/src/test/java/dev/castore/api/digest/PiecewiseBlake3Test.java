package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PiecewiseBlake3Test {

    private static final int G = PiecewiseBlake3.GRANULE;

    /** Blob sizes around the bounds of granules and of BLAKE3's subtrees, and pieces cut four ways. */
    static Stream<Arguments> cuts() {
        List<Arguments> out = new ArrayList<>();
        int[] sizes = {G + 1, G + 1024, 2 * G - 1, 2 * G, 2 * G + 1, 3 * G + 517, 17 * G, 32 * G, 32 * G + 1,
            33 * G - 100, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345};
        for (int size : sizes) {
            for (String how : List.of("granules", "one byte then the rest", "small pieces", "chunker-like")) {
                out.add(Arguments.of(size, how));
            }
        }
        return out.stream();
    }

    /** The lengths of the pieces of a blob of {@code size} bytes, cut as {@code how} says. */
    static List<Integer> lengths(int size, String how, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> lengths = new ArrayList<>();
        int left = size;
        while (left > 0) {
            int n = switch (how) {
                case "granules" -> G;
                case "one byte then the rest" -> lengths.isEmpty() ? 1 : left;
                case "small pieces" -> 1 + random.nextInt(3000);
                case "chunker-like" -> 1 + random.nextInt(300_000);
                default -> throw new IllegalArgumentException(how);
            };
            n = Math.min(n, left);
            lengths.add(n);
            left -= n;
        }
        return lengths;
    }

    @ParameterizedTest(name = "a blob of {0} bytes in pieces: {1}")
    @MethodSource("cuts")
    void piecesHashedInAnyOrderAndAddedInOrderGiveTheBlobsDigest(int size, String how) {
        byte[] blob = Blake3SegmentsTest.random(size, size * 7L + how.length());
        List<Integer> lengths = lengths(size, how, size);
        List<long[]> pieces = new ArrayList<>(); // offset, length
        long offset = 0;
        for (int n : lengths) {
            pieces.add(new long[] {offset, n});
            offset += n;
        }
        PiecewiseBlake3 whole = new PiecewiseBlake3(size);
        PiecewiseBlake3.Part[] parts = new PiecewiseBlake3.Part[pieces.size()];
        List<Integer> order = new ArrayList<>(IntStream.range(0, pieces.size()).boxed().toList());
        Collections.shuffle(order, new Random(size));
        // Parts from direct buffers at a position other than zero, as a fetcher's scratch buffers are.
        order.parallelStream().forEach(i -> {
            long[] p = pieces.get(i);
            ByteBuffer direct = ByteBuffer.allocateDirect((int) p[1] + 7).position(7);
            direct.put(blob, (int) p[0], (int) p[1]).position(7);
            parts[i] = whole.part(p[0], direct);
            assertEquals(7, direct.position(), "part leaves the position alone");
        });
        for (PiecewiseBlake3.Part part : parts) {
            whole.add(part);
        }
        assertEquals(Blake3.hash(blob), whole.digest());
    }

    @Test
    void aChangedByteChangesTheDigest() {
        int size = 5 * G + 300;
        byte[] blob = Blake3SegmentsTest.random(size, 1);
        for (int at : new int[] {0, G - 1, G, 3 * G + 5, size - 1}) {
            byte[] changed = blob.clone();
            changed[at] ^= 1;
            PiecewiseBlake3 whole = new PiecewiseBlake3(size);
            whole.add(whole.part(0, ByteBuffer.wrap(changed, 0, 2 * G + 10)));
            whole.add(whole.part(2 * G + 10, ByteBuffer.wrap(changed, 2 * G + 10, size - 2 * G - 10)));
            assertNotEquals(Blake3.hash(blob), whole.digest(), "byte " + at);
            assertEquals(Blake3.hash(changed), whole.digest(), "byte " + at);
        }
    }

    @Test
    void onlyBlobsOfMoreThanAGranule() {
        assertFalse(PiecewiseBlake3.suits(G));
        assertTrue(PiecewiseBlake3.suits(G + 1));
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseBlake3(G));
    }

    @Test
    void partsMustComeInOrderAndCoverTheBlob() {
        int size = 3 * G;
        byte[] blob = Blake3SegmentsTest.random(size, 2);
        PiecewiseBlake3 whole = new PiecewiseBlake3(size);
        PiecewiseBlake3.Part first = whole.part(0, ByteBuffer.wrap(blob, 0, G + 5));
        PiecewiseBlake3.Part second = whole.part(G + 5, ByteBuffer.wrap(blob, G + 5, size - G - 5));
        assertThrows(IllegalStateException.class, () -> whole.add(second));
        whole.add(first);
        assertThrows(IllegalStateException.class, whole::digest);
        assertThrows(IllegalStateException.class, () -> whole.add(first));
        whole.add(second);
        assertEquals(Blake3.hash(blob), whole.digest());
        assertThrows(IllegalArgumentException.class, () -> whole.part(size - 1, ByteBuffer.wrap(blob, 0, 2)));
    }
}
