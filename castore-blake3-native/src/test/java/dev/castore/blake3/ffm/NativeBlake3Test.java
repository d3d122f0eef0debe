package dev.castore.blake3.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.digest.Blake3Segments;
import dev.castore.api.spi.Blake3Provider;
import dev.castore.testkit.Blake3Reference;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C implementation, through its library built by this module, against the portable Java one
 * and the native b3sum: digests of every size that takes another path (empty, one block, one
 * chunk, the SIMD degrees, the 1 MiB calls, parallel one-shot hashes), in odd update pieces, from
 * heap, read-only and off-heap buffers, and chaining values of subtrees.
 */
class NativeBlake3Test {

    private static final Blake3Provider NATIVE = new NativeBlake3Provider();
    private static final Blake3Provider PORTABLE = Blake3.provider("portable");

    /** Sizes at the edges of blocks, chunks, SIMD groups of 16 chunks, calls of 1 MiB, and several MiB. */
    private static final int[] SIZES = {0, 1, 63, 64, 65, 1023, 1024, 1025, 2047, 2048, 2049, 3072, 4095, 4097,
        8 * 1024, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 31 * 1024 + 5, 64 * 1024, 100 * 1024 + 3,
        (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (2 << 20) + 1024, (3 << 20) + 17, 7 << 20};

    @Test
    void isAvailableAndTheDefaultWithItsLibrary() {
        assertEquals(Optional.empty(), NATIVE.unavailableReason());
        assertEquals("native", Blake3.implementationName());
        assertTrue(Blake3.providers().getFirst() instanceof NativeBlake3Provider);
    }

    @Test
    void officialVectors() {
        for (Blake3Reference.Vector v : Blake3Reference.OFFICIAL_VECTORS) {
            byte[] input = Blake3Reference.pattern(v.length());
            assertEquals(v.hex(), NATIVE.hash(ByteBuffer.wrap(input)).toHex(), "length " + v.length());
            assertEquals(v.hex(), NATIVE.newHasher().update(input).digest().toHex(), "length " + v.length());
        }
    }

    @Test
    void sameDigestsAsPortableOnEverySize() {
        Random random = new Random(13);
        for (int size : SIZES) {
            byte[] input = new byte[size];
            random.nextBytes(input);
            B3Digest expected = PORTABLE.hash(ByteBuffer.wrap(input));
            String context = "length " + size;
            assertEquals(expected, NATIVE.hash(ByteBuffer.wrap(input)), context);
            assertEquals(expected, NATIVE.newHasher().update(input).digest(), context);
            assertEquals(expected, updateInPieces(NATIVE.newHasher(), input, random), context);
            assertEquals(expected, NATIVE.hash(ByteBuffer.wrap(input).asReadOnlyBuffer()), context);
            try (Arena arena = Arena.ofShared()) {
                ByteBuffer direct = arena.allocate(Math.max(1, size)).asByteBuffer().put(input).flip();
                assertEquals(expected, NATIVE.newHasher().update(direct.duplicate()).digest(), context);
                assertEquals(expected, NATIVE.hash(direct), context);
                assertEquals(size, direct.position(), "hash advances the position");
            }
        }
    }

    @Test
    void aBufferFromAnOffsetAndAnArraySlice() {
        byte[] input = new byte[(3 << 20) + 999];
        new Random(5).nextBytes(input);
        B3Digest expected = PORTABLE.hash(ByteBuffer.wrap(input, 777, input.length - 1000));
        assertEquals(expected, NATIVE.hash(ByteBuffer.wrap(input, 777, input.length - 1000)));
        assertEquals(expected, NATIVE.hash(ByteBuffer.wrap(input).position(777).limit(input.length - 223).slice()));
        assertEquals(expected, NATIVE.newHasher().update(input, 777, input.length - 1000).digest());
        assertThrows(IndexOutOfBoundsException.class, () -> NATIVE.newHasher().update(input, 10, input.length));
    }

    @Test
    void aHasherDigestsAgainAndResets() {
        byte[] input = new byte[5000];
        new Random(3).nextBytes(input);
        Blake3Hasher hasher = NATIVE.newHasher().update(input, 0, 2000);
        assertEquals(PORTABLE.hash(ByteBuffer.wrap(input, 0, 2000)), hasher.digest());
        hasher.update(input, 2000, 3000);
        assertEquals(PORTABLE.hash(ByteBuffer.wrap(input)), hasher.digest());
        assertEquals(PORTABLE.hash(ByteBuffer.wrap(input)), hasher.digest());
        assertEquals(PORTABLE.hash(ByteBuffer.allocate(0)), hasher.reset().digest());
    }

    /**
     * Updates in pieces of every kind of length (those of a Put's HTTP/2 frames, single bytes,
     * whole multiples of the gathering buffer, pieces that straddle it), from arrays and from
     * read-only direct buffers, with digests taken on the way: each digest that of the bytes so far.
     */
    @Test
    void updatesInPiecesOfAnyLengthGiveTheDigestOfTheirBytes() {
        int align = NativeBlake3Hasher.ALIGN;
        byte[] input = new byte[3 << 20];
        new Random(11).nextBytes(input);
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip().asReadOnlyBuffer();
        List<int[]> patterns = List.of(
                new int[] {16375, 16384, 16384, 16384, 1, 8},
                new int[] {1, 1, 1, align - 3},
                new int[] {align},
                new int[] {3 * align, 1, align - 1, 2 * align + 5},
                new int[] {align - 1, 2, align + 7, 100_000},
                new int[] {262_144},
                new int[] {1_000_000, 3, 1 << 20});
        Random random = new Random(12);
        for (int[] pattern : patterns) {
            for (boolean fromBuffer : new boolean[] {false, true}) {
                Blake3Hasher hasher = NATIVE.newHasher();
                Blake3Hasher reference = PORTABLE.newHasher();
                int at = 0;
                for (int i = 0; at < input.length; i++) {
                    int n = Math.min(pattern[i % pattern.length], input.length - at);
                    if (fromBuffer) {
                        hasher.update(direct.duplicate().position(at).limit(at + n));
                    } else {
                        hasher.update(input, at, n);
                    }
                    reference.update(input, at, n);
                    at += n;
                    if (random.nextInt(10) == 0 || at == input.length) {
                        String where = Arrays.toString(pattern) + (fromBuffer ? " from a buffer" : "") + ", at " + at;
                        assertEquals(reference.digest(), hasher.digest(), where);
                    }
                }
                assertEquals(PORTABLE.hash(ByteBuffer.wrap(input)), hasher.digest());
            }
        }
    }

    @Test
    void chainingValuesOfSubtreesAsPortable() {
        Random random = new Random(21);
        // Whole subtrees of 2^k chunks at aligned starts, and last pieces of every shape.
        int[] lengths = {1, 100, 1023, 1024, 2048, 4096, 16 * 1024, 64 * 1024, 1 << 20, 2 << 20, 4 << 20,
            1025, 3000, 5 * 1024 + 1, 17 * 1024, (1 << 20) + 1, (3 << 20) + 5};
        for (int length : lengths) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            long chunks = Long.highestOneBit(Math.max(1, (length + 1023) / 1024));
            for (long firstChunk : new long[] {0, chunks, 7 * chunks, (1L << 40) * chunks}) {
                String context = "length " + length + " from chunk " + firstChunk;
                assertArrayEquals(PORTABLE.chainingValue(ByteBuffer.wrap(input), firstChunk),
                        NATIVE.chainingValue(ByteBuffer.wrap(input), firstChunk), context);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NATIVE.chainingValue(ByteBuffer.allocate(0), 0));
        assertThrows(IllegalArgumentException.class, () -> NATIVE.chainingValue(ByteBuffer.allocate(5), -1));
    }

    @Test
    void segmentsHashedAloneCombineToTheDigest() {
        byte[] input = new byte[(5 << 20) + 333];
        new Random(34).nextBytes(input);
        Blake3Segments segments = new Blake3Segments(1 << 20);
        List<byte[]> verifiers = new ArrayList<>();
        for (long i = 0; i < segments.count(input.length); i++) {
            int from = (int) (i * segments.segmentSize());
            verifiers.add(segments.verifier(ByteBuffer.wrap(input, from, segments.length(i, input.length)), i,
                    input.length));
        }
        assertEquals(PORTABLE.hash(ByteBuffer.wrap(input)), segments.digest(verifiers));
        assertEquals(PORTABLE.hash(ByteBuffer.wrap(input)), Blake3.newParallelHasher().update(input).digest());
    }

    @Test
    void manyThreadsAtOnce() {
        byte[] input = new byte[3 << 20];
        new Random(55).nextBytes(input);
        B3Digest expected = PORTABLE.hash(ByteBuffer.wrap(input));
        assertTrue(IntStream.range(0, 16).parallel()
                .allMatch(i -> expected.equals(i % 2 == 0 ? NATIVE.hash(ByteBuffer.wrap(input))
                        : updateInPieces(NATIVE.newHasher(), input, new Random(i)))));
    }

    @Test
    void agreesWithB3sum(@TempDir Path dir) throws Exception {
        Random random = new Random(0xB3);
        for (int round = 0; round < 25; round++) {
            int length = switch (round % 3) {
                case 0 -> random.nextInt(2048);
                case 1 -> random.nextInt(200_000);
                default -> random.nextInt(6 << 20);
            };
            byte[] input = new byte[length];
            random.nextBytes(input);
            String expected = Blake3Reference.b3sum(input, dir);
            assertEquals(expected, NATIVE.hash(ByteBuffer.wrap(input)).toHex(), "length " + length);
            assertEquals(expected, updateInPieces(NATIVE.newHasher(), input, random).toHex(), "length " + length);
        }
    }

    /** Updates in random pieces, odd sizes included, some empty, some over 1 MiB. */
    static B3Digest updateInPieces(Blake3Hasher hasher, byte[] input, Random random) {
        int off = 0;
        while (off < input.length) {
            int bound = switch (random.nextInt(4)) {
                case 0 -> 64;
                case 1 -> 1500;
                case 2 -> 70_000;
                default -> 1_300_000;
            };
            int take = Math.min(input.length - off, random.nextInt(bound));
            if (random.nextBoolean()) {
                hasher.update(input, off, take);
            } else {
                hasher.update(ByteBuffer.wrap(input, off, take));
            }
            off += take;
        }
        return hasher.digest();
    }
}
