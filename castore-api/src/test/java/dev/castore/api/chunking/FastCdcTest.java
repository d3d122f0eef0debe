package dev.castore.api.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins the port to the Rust fastcdc crate 3.1.0 (v2020). Expected values come from the spec,
 * section h (castore.md), which quotes the crate's own v2020 tests on its test image
 * SekienAkashita.jpg and castore's derivation with min = avg / 2, max = 2 * avg.
 */
class FastCdcTest {

    /** (hash, offset, length) as the crate reports chunks. */
    record Chunk(long hash, long offset, int length) {}

    /** The spec's FastCDC test image, a test resource from src/test/fixtures. */
    private static byte[] sekienAkashita() throws IOException {
        try (InputStream in = FastCdcTest.class.getResourceAsStream("/SekienAkashita.jpg")) {
            assertNotNull(in, "SekienAkashita.jpg of castore-api/src/test/fixtures is a test resource");
            return in.readAllBytes();
        }
    }

    private static List<Chunk> chunkAll(FastCdc cdc, byte[] data) {
        List<Chunk> out = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            FastCdc.Cut cut = cdc.cut(data, offset, data.length - offset);
            out.add(new Chunk(cut.hash(), offset, cut.length()));
            offset += cut.length();
        }
        return out;
    }

    @Test
    void gearTableIsMd5OfRepeatedBytes() {
        // Spec d: GEAR[0], GEAR[1] and GEAR[255] as verified against the crate's table.
        assertEquals(0x3b5d3c7d207e37dcL, FastCdc.GEAR[0]);
        assertEquals(0x784d68ba91123086L, FastCdc.GEAR[1]);
        assertEquals(0xaabd2b2a451504e1L, FastCdc.GEAR[255]);
        // The crate's GEAR_LS[0] is GEAR[0] << 1.
        assertEquals(0x76ba78fa40fc6fb8L, FastCdc.GEAR_LS[0]);
    }

    @Test
    void logarithmRoundsLikeTheCrate() {
        // Values from the crate's test_logarithm2.
        assertEquals(2, FastCdc.logarithm2(3));
        assertEquals(3, FastCdc.logarithm2(6));
        assertEquals(4, FastCdc.logarithm2(12));
        assertEquals(14, FastCdc.logarithm2(16383));
        assertEquals(16, FastCdc.logarithm2(65535));
        assertEquals(18, FastCdc.logarithm2(262_144));
        assertEquals(22, FastCdc.logarithm2(4_194_305));
    }

    @Test
    void sekienAkashitaLevel1MatchesTheCrate() throws IOException {
        byte[] image = sekienAkashita();
        assertEquals(109_466, image.length);
        // Spec h, first bullet: the crate's v2020 test with min 4096, avg 16384, max 65535, level 1.
        assertEquals(List.of(
                        new Chunk(Long.parseUnsignedLong("17968276318003433923"), 0, 21325),
                        new Chunk(Long.parseUnsignedLong("8197189939299398838"), 21325, 17140),
                        new Chunk(Long.parseUnsignedLong("13019990849178155730"), 38465, 28084),
                        new Chunk(Long.parseUnsignedLong("4509236223063678303"), 66549, 18217),
                        new Chunk(Long.parseUnsignedLong("2504464741100432583"), 84766, 24700)),
                chunkAll(new FastCdc(4096, 16384, 65535), image));
    }

    @Test
    void sekienAkashitaLevel1ChunkDigests() throws IOException {
        byte[] image = sekienAkashita();
        // Spec h, first bullet: BLAKE3 of each chunk in order.
        List<String> expected = List.of(
                "261930e84e14c240210ae8c459acc4bb85dd52f1b91c868f2106dbc1ceb3acca",
                "a01747cf21202f0068b8897d2be92aa4479b7ac7207b3baa5057b8ec75fa1c10",
                "01e5305fb8f54d214ed2946843ea360fb9bb3f5df66ef3e34fb024d32ebcaee1",
                "fc28c67b6ef846a841452a215bf704058f65cba5c1d78160398d3c2e046642f9",
                "f6996300fce24d3da56c81ea52e5f4f461ce6adb4496f65252996e1082471aac");
        List<String> actual = chunkAll(new FastCdc(4096, 16384, 65535), image).stream()
                .map(c -> Blake3.hash(image, (int) c.offset(), c.length()).toHex())
                .toList();
        assertEquals(expected, actual);
    }

    @Test
    void sekienAkashitaLevel0MatchesTheCrate() throws IOException {
        byte[] image = sekienAkashita();
        // Spec h, second bullet: the crate's v2020 test at normalization level 0.
        assertEquals(List.of(
                        new Chunk(443122261039895162L, 0, 6634),
                        new Chunk(Long.parseUnsignedLong("15733367461443853673"), 6634, 59915),
                        new Chunk(Long.parseUnsignedLong("10460176299449652894"), 66549, 25597),
                        new Chunk(6197802202431009942L, 92146, 5237),
                        new Chunk(6321136627705800457L, 97383, 12083)),
                chunkAll(new FastCdc(4096, 16384, 65535, 0), image));
    }

    @Test
    void castoreDerivationOfMinAndMax() throws IOException {
        byte[] image = sekienAkashita();
        // Spec h, third bullet: min = avg / 2, max = 2 * avg, level 1.
        assertEquals(List.of(0L, 21325L, 38465L, 66549L, 84766L),
                chunkAll(FastCdc.forAverage(16384), image).stream().map(Chunk::offset).toList());
        assertEquals(List.of(21325, 17140, 28084, 18217, 24700),
                chunkAll(FastCdc.forAverage(16384), image).stream().map(Chunk::length).toList());
        // avg 32768: the first chunk ends at max (65536).
        assertEquals(List.of(65536, 43930),
                chunkAll(FastCdc.forAverage(32768), image).stream().map(Chunk::length).toList());
    }

    @Test
    void streamingGivesTheSameBoundariesWhateverTheWriteSizes() throws IOException {
        byte[] image = sekienAkashita();
        FastCdc cdc = FastCdc.forAverage(16384);
        List<Integer> expected = chunkAll(cdc, image).stream().map(Chunk::length).toList();
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20; round++) {
            List<Integer> lengths = new ArrayList<>();
            ChunkingBuffer buffer = new ChunkingBuffer(cdc, (b, off, length, whole) -> lengths.add(length));
            int offset = 0;
            while (offset < image.length) {
                int n = Math.min(image.length - offset, round == 0 ? 1 : random.nextInt(1, 70_000));
                buffer.write(ByteBuffer.wrap(image, offset, n));
                offset += n;
            }
            buffer.finish();
            assertEquals(expected, lengths, "round " + round);
        }
    }

    @Test
    void uniformDataIsCutAtTheMaximum() throws IOException {
        // All zeroes never satisfy a mask: every chunk but the last is max bytes long.
        FastCdc cdc = FastCdc.forAverage(1024);
        List<Integer> lengths = new ArrayList<>();
        ChunkingBuffer buffer = new ChunkingBuffer(cdc, (b, off, length, whole) -> lengths.add(length));
        buffer.write(ByteBuffer.allocate(5000));
        buffer.finish();
        assertEquals(List.of(2048, 2048, 904), lengths);
    }

    /**
     * The crate's cut written the plain way, as an oracle: one gear hash, one byte per step, the
     * stricter mask below the average size. The crate's loop takes two bytes per step and checks
     * the even bytes on the hash shifted left by one, which it also reports then.
     */
    private static FastCdc.Cut oracle(byte[] source, int offset, int length, int min, int avg, int max, int level) {
        if (length <= min) {
            return new FastCdc.Cut(0, length);
        }
        int remaining = Math.min(length, max);
        int center = Math.min(avg, remaining);
        int bits = FastCdc.logarithm2(avg);
        long maskS = FastCdc.MASKS[bits + level];
        long maskL = FastCdc.MASKS[bits - level];
        long hash = 0;
        for (int p = min / 2 * 2; p < remaining / 2 * 2; p++) {
            hash = (hash << 1) + FastCdc.GEAR[source[offset + p] & 0xff];
            if ((hash & (p < center / 2 * 2 ? maskS : maskL)) == 0) {
                return new FastCdc.Cut(p % 2 == 0 ? hash << 1 : hash, p);
            }
        }
        return new FastCdc.Cut(hash, remaining);
    }

    /** Bytes that give many cuts, few or none: noise, runs of one byte, a small alphabet. */
    private static byte[] mixedData(SplittableRandom random, int size) {
        byte[] data = new byte[size];
        int at = 0;
        while (at < size) {
            int run = Math.min(size - at, random.nextInt(1, 6000));
            switch (random.nextInt(3)) {
                case 0 -> {
                    for (int i = 0; i < run; i++) {
                        data[at + i] = (byte) random.nextInt();
                    }
                }
                case 1 -> java.util.Arrays.fill(data, at, at + run, (byte) random.nextInt());
                default -> {
                    for (int i = 0; i < run; i++) {
                        data[at + i] = (byte) random.nextInt(3);
                    }
                }
            }
            at += run;
        }
        return data;
    }

    @Test
    void everyCutAndHashIsTheCratesWhateverTheSizesAndData() {
        SplittableRandom random = new SplittableRandom(7);
        int below = 0;
        int above = 0;
        int atTheEnd = 0;
        for (int round = 0; round < 1000; round++) {
            int level = random.nextInt(4);
            int avg = 1 << random.nextInt(8 + level, 15);
            avg += random.nextInt(avg / 4); // not only powers of two
            int min = Math.max(FastCdc.MINIMUM_MIN, random.nextBoolean() ? avg / 2 : random.nextInt(1, avg));
            int max = Math.max(FastCdc.MAXIMUM_MIN, random.nextBoolean() ? avg * 2 : random.nextInt(avg, avg * 4));
            FastCdc cdc = new FastCdc(min, avg, max, level);
            byte[] data = mixedData(random, random.nextInt(1, 6 * max));
            int offset = random.nextInt(0, Math.min(data.length, 100));
            while (offset < data.length) {
                int length = data.length - offset;
                FastCdc.Cut expected = oracle(data, offset, length, min, avg, max, level);
                assertEquals(expected, cdc.cut(data, offset, length),
                        "min " + min + ", avg " + avg + ", max " + max + ", level " + level + ", at " + offset);
                if (expected.length() == Math.min(length, max)) {
                    atTheEnd++;
                } else if (expected.length() < Math.min(avg, length)) {
                    below++;
                } else {
                    above++;
                }
                offset += Math.max(1, expected.length());
            }
        }
        // Each way a cut is found was taken, many times.
        assertTrue(below > 500 && above > 500 && atTheEnd > 500, below + " below, " + above + " above, " + atTheEnd + " at the end");
    }

    @Test
    void castoreSizesOnNoiseCutAsTheOracle() {
        SplittableRandom random = new SplittableRandom(11);
        byte[] data = new byte[4 << 20];
        random.nextBytes(data);
        FastCdc cdc = FastCdc.forAverage(256 * 1024);
        int offset = 0;
        int cuts = 0;
        while (offset < data.length) {
            FastCdc.Cut expected = oracle(data, offset, data.length - offset, 128 * 1024, 256 * 1024, 512 * 1024, 1);
            assertEquals(expected, cdc.cut(data, offset, data.length - offset), "at " + offset);
            offset += expected.length();
            cuts++;
        }
        assertTrue(cuts > 8, cuts + " cuts");
    }

    @Test
    void sizesOutsideTheCrateLimitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FastCdc(32, 256, 1024));
        assertEquals("FastCDC minimum chunk size 32 is not in 64..1048576", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastCdc.forAverage(256));
    }
}
