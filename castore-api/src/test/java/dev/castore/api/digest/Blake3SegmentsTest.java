package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.internal.hash.PortableBlake3Provider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Blake3SegmentsTest {

    static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Blob sizes around every boundary that matters for segments of {@code segment} bytes. */
    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (int segment : new int[] {1024, 4096, 64 * 1024}) {
            for (long n : new long[] {0, 1, 1023, 1024, 1025, segment - 1L, segment, segment + 1L, 2L * segment,
                    2L * segment + 1, 3L * segment - 1, 3L * segment + 5, 4L * segment, 7L * segment + 1000,
                    8L * segment, 8L * segment + 1, 13L * segment + segment / 2}) {
                if (n >= 0) {
                    out.add(Arguments.of(segment, (int) n));
                }
            }
        }
        return out.stream().distinct();
    }

    @ParameterizedTest(name = "segments of {0}, blob of {1}")
    @MethodSource("sizes")
    void verifiersOfAllSegmentsCombineToTheBlobDigest(int segmentSize, int blobSize) {
        byte[] blob = random(blobSize, blobSize * 31L + segmentSize);
        Blake3Segments segments = new Blake3Segments(segmentSize);
        List<byte[]> verifiers = new ArrayList<>();
        for (long i = 0; i < segments.count(blobSize); i++) {
            int start = (int) (i * segmentSize);
            ByteBuffer piece = ByteBuffer.wrap(blob, start, segments.length(i, blobSize));
            verifiers.add(segments.verifier(piece, i, blobSize));
            assertEquals(0, piece.remaining(), "the verifier consumes the segment");
        }
        assertEquals(Blake3.hash(blob), segments.digest(verifiers));
    }

    @ParameterizedTest(name = "segments of {0}, blob of {1}")
    @MethodSource("sizes")
    void everyProviderComputesTheSameChainingValues(int segmentSize, int blobSize) {
        if (blobSize <= segmentSize) {
            return; // a single segment has a digest, not a chaining value
        }
        byte[] blob = random(blobSize, 7);
        Blake3Segments segments = new Blake3Segments(segmentSize);
        long count = segments.count(blobSize);
        for (long i = 0; i < count; i++) {
            ByteBuffer piece = ByteBuffer.wrap(blob, (int) (i * segmentSize), segments.length(i, blobSize));
            assertArrayEquals(PortableBlake3Provider.subtreeChainingValue(piece.duplicate(), i * segmentSize / 1024),
                    Blake3.active().chainingValue(piece, i * segmentSize / 1024));
        }
    }

    @Test
    void aDamagedSegmentNoLongerMatchesItsVerifier() {
        int segmentSize = 4096;
        byte[] blob = random(5 * segmentSize + 100, 3);
        Blake3Segments segments = new Blake3Segments(segmentSize);
        byte[] before = segments.verifier(ByteBuffer.wrap(blob, 2 * segmentSize, segmentSize), 2, blob.length);
        blob[2 * segmentSize + 77] ^= 1;
        byte[] after = segments.verifier(ByteBuffer.wrap(blob, 2 * segmentSize, segmentSize), 2, blob.length);
        assertNotEquals(ByteBuffer.wrap(before), ByteBuffer.wrap(after));
    }

    @Test
    void misfitSegmentsAreRejected() {
        Blake3Segments segments = new Blake3Segments(4096);
        assertThrows(IllegalArgumentException.class, () -> new Blake3Segments(3000));
        assertThrows(IllegalArgumentException.class, () -> new Blake3Segments(512));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> segments.verifier(ByteBuffer.allocate(100), 0, 5000));
        assertEquals("segment 0 of a blob of 5000 bytes has 4096 bytes, not 100", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> segments.length(2, 5000));
        assertThrows(IllegalArgumentException.class, () -> segments.digest(List.of()));
    }

    static Stream<Arguments> streams() {
        int seg = ParallelBlake3Hasher.SEGMENT_SIZE;
        return Stream.of(0, 1, 1024, 16 * 1024 + 3, seg - 1, seg, seg + 1, 2 * seg, 3 * seg + 12345, 9 * seg,
                (ParallelBlake3Hasher.IN_FLIGHT + 3) * seg + 7).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("streams")
    void theParallelHasherGivesTheSequentialDigestForAnySplit(int length) {
        byte[] data = random(length, length);
        B3Digest expected = new PortableBlake3Provider().newHasher().update(data).digest();
        SplittableRandom random = new SplittableRandom(length);
        Blake3Hasher hasher = new ParallelBlake3Hasher(Blake3.active());
        int off = 0;
        while (off < length) {
            int n = Math.min(length - off, random.nextInt(1, 3 * ParallelBlake3Hasher.SEGMENT_SIZE / 2));
            if (random.nextBoolean()) {
                hasher.update(data, off, n);
            } else {
                hasher.update(ByteBuffer.wrap(data, off, n).asReadOnlyBuffer());
            }
            off += n;
        }
        assertEquals(expected, hasher.digest());
        assertEquals(expected, hasher.digest(), "digest() leaves the state as it was");
    }

    @Test
    void theParallelHasherTakesMoreInputAfterADigestAndAfterAReset() {
        int seg = ParallelBlake3Hasher.SEGMENT_SIZE;
        byte[] data = random(5 * seg + 99, 11);
        Blake3Hasher hasher = new ParallelBlake3Hasher(Blake3.active());
        hasher.update(data, 0, 2 * seg + 5);
        assertEquals(Blake3.hash(data, 0, 2 * seg + 5), hasher.digest());
        hasher.update(data, 2 * seg + 5, data.length - 2 * seg - 5);
        assertEquals(Blake3.hash(data), hasher.digest());
        hasher.reset().update(data, 0, seg + 1);
        assertEquals(Blake3.hash(data, 0, seg + 1), hasher.digest());
    }
}
