package dev.castore.api.chunking;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * FastCDC content-defined chunking, the "2020" variant exactly as the Rust {@code fastcdc} crate
 * 3.1.0 ({@code v2020}) computes it, so that chunk boundaries, and with them chunk digests, are
 * identical to those tvix/snix write.
 *
 * <p>The gear hash rolls two bytes per step from the minimum size on; up to the average size a
 * cut needs the stricter mask (more bits set), after it the looser one (normalized chunking).
 * Immutable and thread-safe.
 */
public final class FastCdc {

    /** Limits the crate asserts on its three sizes. */
    public static final int MINIMUM_MIN = 64;
    public static final int MINIMUM_MAX = 1_048_576;
    public static final int AVERAGE_MIN = 256;
    public static final int AVERAGE_MAX = 4_194_304;
    public static final int MAXIMUM_MIN = 1024;
    public static final int MAXIMUM_MAX = 16_777_216;

    /**
     * Judgement masks indexed by the number of bits (log2 of the size); entries 0..4 are unused.
     * Values as in the crate (from the C reference and restic's FastCDC): facts, not tunables.
     */
    static final long[] MASKS = {
        0, 0, 0, 0, 0,
        0x0000000001804110L, // 5: only for normalization level 3
        0x0000000001803110L, // 64 B
        0x0000000018035100L, // 128 B
        0x0000001800035300L, // 256 B
        0x0000019000353000L, // 512 B
        0x0000590003530000L, // 1 KiB
        0x0000d90003530000L, // 2 KiB
        0x0000d90103530000L, // 4 KiB
        0x0000d90303530000L, // 8 KiB
        0x0000d90313530000L, // 16 KiB
        0x0000d90f03530000L, // 32 KiB
        0x0000d90303537000L, // 64 KiB
        0x0000d90703537000L, // 128 KiB
        0x0000d90707537000L, // 256 KiB
        0x0000d91707537000L, // 512 KiB
        0x0000d91747537000L, // 1 MiB
        0x0000d91767537000L, // 2 MiB
        0x0000d93767537000L, // 4 MiB
        0x0000d93777537000L, // 8 MiB
        0x0000d93777577000L, // 16 MiB
        0x0000db3777577000L, // 25: only for normalization level 3
    };

    /** GEAR[i]: the first 8 bytes (big-endian) of MD5 over 64 bytes of value i. */
    static final long[] GEAR = computeGear();

    /** GEAR shifted left by one bit (the 2020 paper's "rolling two bytes each time"). */
    static final long[] GEAR_LS = shiftedGear();

    /** One cut: the gear hash at the cut point and the chunk length. */
    public record Cut(long hash, int length) {}

    private final int minSize;
    private final int avgSize;
    private final int maxSize;
    private final long maskS;
    private final long maskL;
    private final long maskSLs;
    private final long maskLLs;

    /** A chunker with normalization level 1, as the crate's {@code new(min, avg, max)}. */
    public FastCdc(int minSize, int avgSize, int maxSize) {
        this(minSize, avgSize, maxSize, 1);
    }

    /**
     * A chunker with the given normalization level (0..3).
     *
     * @throws IllegalArgumentException when a size is outside the crate's limits
     */
    public FastCdc(int minSize, int avgSize, int maxSize, int normalizationLevel) {
        check("minimum", minSize, MINIMUM_MIN, MINIMUM_MAX);
        check("average", avgSize, AVERAGE_MIN, AVERAGE_MAX);
        check("maximum", maxSize, MAXIMUM_MIN, MAXIMUM_MAX);
        if (normalizationLevel < 0 || normalizationLevel > 3) {
            throw new IllegalArgumentException("normalization level " + normalizationLevel + " is not in 0..3");
        }
        this.minSize = minSize;
        this.avgSize = avgSize;
        this.maxSize = maxSize;
        int bits = logarithm2(avgSize);
        this.maskS = MASKS[bits + normalizationLevel];
        this.maskL = MASKS[bits - normalizationLevel];
        this.maskSLs = maskS << 1;
        this.maskLLs = maskL << 1;
    }

    /** castore's rule: min = avg / 2, max = avg * 2, normalization level 1. */
    public static FastCdc forAverage(int avgSize) {
        return new FastCdc(avgSize / 2, avgSize, avgSize * 2);
    }

    private static void check(String what, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException("FastCDC " + what + " chunk size " + value + " is not in " + lo + ".." + hi);
        }
    }

    /** round(log2(value)), computed in floating point like the crate. */
    static int logarithm2(int value) {
        return (int) Math.round(Math.log(value) / Math.log(2));
    }

    public int minSize() {
        return minSize;
    }

    public int avgSize() {
        return avgSize;
    }

    public int maxSize() {
        return maxSize;
    }

    /**
     * Finds the first cut in {@code length} bytes of {@code source} from {@code offset}: at most
     * {@link #maxSize()}, all of it when it is at most {@link #minSize()} (hash 0 then).
     */
    public Cut cut(byte[] source, int offset, int length) {
        int remaining = length;
        if (remaining <= minSize) {
            return new Cut(0, remaining);
        }
        int center = avgSize;
        if (remaining > maxSize) {
            remaining = maxSize;
        } else if (remaining < center) {
            center = remaining;
        }
        int index = minSize / 2;
        long hash = 0;
        for (; index < center / 2; index++) {
            int a = index * 2;
            hash = (hash << 2) + GEAR_LS[source[offset + a] & 0xff];
            if ((hash & maskSLs) == 0) {
                return new Cut(hash, a);
            }
            hash += GEAR[source[offset + a + 1] & 0xff];
            if ((hash & maskS) == 0) {
                return new Cut(hash, a + 1);
            }
        }
        for (; index < remaining / 2; index++) {
            int a = index * 2;
            hash = (hash << 2) + GEAR_LS[source[offset + a] & 0xff];
            if ((hash & maskLLs) == 0) {
                return new Cut(hash, a);
            }
            hash += GEAR[source[offset + a + 1] & 0xff];
            if ((hash & maskL) == 0) {
                return new Cut(hash, a + 1);
            }
        }
        return new Cut(hash, remaining);
    }

    private static long[] computeGear() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long[] gear = new long[256];
            byte[] block = new byte[64];
            for (int i = 0; i < 256; i++) {
                java.util.Arrays.fill(block, (byte) i);
                gear[i] = ByteBuffer.wrap(md5.digest(block)).getLong();
            }
            return gear;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    private static long[] shiftedGear() {
        long[] ls = new long[256];
        for (int i = 0; i < 256; i++) {
            ls[i] = GEAR[i] << 1;
        }
        return ls;
    }
}
