package dev.castore.blake3.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.spi.Blake3Provider;
import dev.castore.testkit.Blake3Reference;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VectorBlake3Test {

    private static final VectorBlake3Provider VECTOR = new VectorBlake3Provider();
    private static final Blake3Provider PORTABLE = Blake3.provider("portable");

    static Stream<Arguments> officialVectors() {
        return Blake3Reference.OFFICIAL_VECTORS.stream().map(v -> Arguments.of(v.length(), v.hex()));
    }

    static byte[] pattern(int length) {
        return Blake3Reference.pattern(length);
    }

    @Test
    void isAvailableAndChosenByTheFacade() {
        assertTrue(VECTOR.isAvailable());
        assertEquals("vector", Blake3.implementationName());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void hasherMatchesTheOfficialVectors(int length, String expected) {
        assertEquals(expected, VECTOR.newHasher().update(pattern(length)).digest().toHex());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void oneShotMatchesTheOfficialVectors(int length, String expected) {
        assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(pattern(length))).toHex());
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(pattern(length)).flip();
        assertEquals(expected, VECTOR.hash(direct).toHex());
        assertEquals(length, direct.position());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void hasherMatchesTheOfficialVectorsByteByByte(int length, String expected) {
        byte[] input = pattern(length);
        Blake3Hasher hasher = VECTOR.newHasher();
        for (int i = 0; i < length; i++) {
            hasher.update(input, i, 1);
        }
        assertEquals(expected, hasher.digest().toHex());
    }

    @Test
    void specDigestOfAMegabyte() {
        byte[] big = new byte[255 * 4096];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 255);
        }
        String expected = "a82c5154a7a0c262c6fdb929a317585646f8fbcf80326d0a7b8747edaf2d99d2";
        assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(big)).toHex());
        assertEquals(expected, VECTOR.newHasher().update(big).digest().toHex());
        assertEquals(expected, Blake3.hash(big).toHex());
    }

    @Test
    void chainingValuesOfSubtreesAgreeWithPortable() {
        Random random = new Random(0xC0FFEE);
        for (int log = 0; log <= 11; log++) {
            long chunks = 1L << log;
            for (long first : new long[] {0, chunks, 5 * chunks, 1L << 20}) {
                // A whole subtree of 2^log chunks, and the short last piece of an input from there.
                for (int length : new int[] {(int) chunks * 1024, 1 + random.nextInt((int) chunks * 1024)}) {
                    byte[] input = new byte[length];
                    random.nextBytes(input);
                    String context = length + " bytes from chunk " + first;
                    assertEquals(ByteBuffer.wrap(PORTABLE.chainingValue(ByteBuffer.wrap(input), first)),
                            ByteBuffer.wrap(VECTOR.chainingValue(ByteBuffer.wrap(input), first)), context);
                }
            }
        }
    }

    @Test
    void agreesWithPortableOnRandomInputsAndSplits() {
        Random random = new Random(0x5EED);
        for (int round = 0; round < 150; round++) {
            byte[] input = new byte[randomLength(random)];
            random.nextBytes(input);
            B3Digest expected = PORTABLE.newHasher().update(input).digest();
            String context = "length " + input.length;
            assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(input)), context);
            assertEquals(expected, VECTOR.newHasher().update(input).digest(), context);
            assertEquals(expected, updateInRandomSplits(VECTOR.newHasher(), input, random), context);
        }
    }

    @Test
    void digestLeavesTheStateSoMoreInputCanFollow() {
        byte[] input = pattern(300_000);
        Blake3Hasher hasher = VECTOR.newHasher();
        for (int cut : new int[] {0, 1, 1024, 1025, 8192, 65536, 131073, 299_999, 300_000}) {
            hasher.reset().update(input, 0, cut);
            assertEquals(PORTABLE.newHasher().update(input, 0, cut).digest(), hasher.digest(), "cut " + cut);
            hasher.update(input, cut, input.length - cut);
            assertEquals(PORTABLE.newHasher().update(input).digest(), hasher.digest(), "cut " + cut);
        }
    }

    /**
     * Every count of whole chunks up to three lane groups, with and without a byte more, after a
     * first update that leaves the chunk counter at every offset within a group: the partial
     * lane groups at the end of an input and at an unaligned counter.
     */
    @Test
    void partialLaneGroupsAtTheEndAndAtUnalignedCounters() {
        byte[] input = pattern(40 * 1024 + 1);
        for (int chunks = 1; chunks <= 3 * LaneCompression.LANES; chunks++) {
            for (int extra : new int[] {0, 1}) {
                int length = chunks * 1024 + extra;
                B3Digest expected = PORTABLE.newHasher().update(input, 0, length).digest();
                assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(input, 0, length)), "length " + length);
                for (int first = 0; first <= Math.min(chunks, LaneCompression.LANES); first++) {
                    B3Digest split = VECTOR.newHasher()
                            .update(input, 0, first * 1024)
                            .update(input, first * 1024, length - first * 1024)
                            .digest();
                    assertEquals(expected, split, "length " + length + ", first update " + first + " chunks");
                }
            }
        }
    }

    /** Lengths around chunk boundaries and powers of two, up to a few MiB. */
    static int randomLength(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3000);
            case 1 -> 1024 * (1 + random.nextInt(300)) + random.nextInt(3) - 1;
            case 2 -> 1024 * (1 << random.nextInt(12)) + random.nextInt(3) - 1;
            default -> random.nextInt(3 << 20);
        };
    }

    /** Feeds {@code input} in pieces of random sizes, some empty, via arrays and buffers. */
    static B3Digest updateInRandomSplits(Blake3Hasher hasher, byte[] input, Random random) {
        int pos = 0;
        while (pos < input.length) {
            int maxPiece = switch (random.nextInt(3)) {
                case 0 -> 70;
                case 1 -> 5000;
                default -> 300_000;
            };
            int n = Math.min(input.length - pos, random.nextInt(maxPiece));
            switch (random.nextInt(3)) {
                case 0 -> hasher.update(input, pos, n);
                case 1 -> hasher.update(ByteBuffer.wrap(input, pos, n));
                default -> hasher.update(ByteBuffer.allocateDirect(n).put(input, pos, n).flip());
            }
            pos += n;
        }
        return hasher.digest();
    }
}
