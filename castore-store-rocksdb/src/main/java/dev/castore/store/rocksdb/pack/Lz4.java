package dev.castore.store.rocksdb.pack;

import dev.castore.api.CorruptDataException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * LZ4 blocks (the block format of the LZ4 reference, without frame or checksum): the compression
 * of chunks in pack files. Greedy matching over a 4096-entry hash table with the reference's skip
 * acceleration, so incompressible data is passed over quickly. The decoder checks every length
 * and offset against its input and output; a chunk's digest is checked after it anyway.
 */
public final class Lz4 {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_MATCH = 4;
    /** The last match starts at least this many bytes before the end (the format's rule). */
    private static final int MF_LIMIT = 12;
    /** The last bytes are always literals (the format's rule). */
    private static final int LAST_LITERALS = 5;
    private static final int MAX_DISTANCE = 65_535;
    private static final int HASH_BITS = 12;
    private static final int SKIP_TRIGGER = 6;
    /** Fills the hash table: every position it names is too far to match. */
    private static final int NONE = -MAX_DISTANCE - 1;
    private static final ThreadLocal<int[]> TABLES = ThreadLocal.withInitial(() -> new int[1 << HASH_BITS]);

    private Lz4() {}

    /** The largest compressed length of {@code length} bytes. */
    public static int maxCompressedLength(int length) {
        return length + length / 255 + 16;
    }

    /**
     * Compresses {@code src[0, length)} into {@code dst} (at least {@link #maxCompressedLength}
     * long); returns the compressed length. LZ4's own compressor when it is at hand
     * ({@link NativeLz4}), else {@link #compressInJava}.
     */
    public static int compress(byte[] src, int length, byte[] dst) {
        if (NativeLz4.available()) {
            int n = NativeLz4.compress(src, length, dst);
            if (n > 0) {
                return n;
            }
        }
        return compressInJava(src, length, dst);
    }

    /** Whether {@link #compress} uses LZ4's own compressor. */
    public static boolean nativeCompressor() {
        return NativeLz4.available();
    }

    /** {@link #compress} in Java: greedy, as the reference's fast mode. */
    static int compressInJava(byte[] src, int length, byte[] dst) {
        int op = 0;
        int anchor = 0;
        if (length >= MF_LIMIT + 1) {
            int[] table = TABLES.get();
            Arrays.fill(table, NONE);
            int mfLimit = length - MF_LIMIT;
            int matchLimit = length - LAST_LITERALS;
            table[hash((int) INT.get(src, 0))] = 0;
            int ip = 1;
            search:
            while (true) {
                int ref;
                int step = 1;
                int attempts = 1 << SKIP_TRIGGER;
                while (true) {
                    if (ip > mfLimit) {
                        break search;
                    }
                    int seq = (int) INT.get(src, ip);
                    int h = hash(seq);
                    ref = table[h];
                    table[h] = ip;
                    if (ip - ref <= MAX_DISTANCE && (int) INT.get(src, ref) == seq) {
                        break;
                    }
                    ip += step;
                    step = attempts++ >>> SKIP_TRIGGER;
                }
                while (ip > anchor && ref > 0 && src[ip - 1] == src[ref - 1]) {
                    ip--;
                    ref--;
                }
                int len = MIN_MATCH;
                while (true) {
                    if (ip + len + 8 <= matchLimit) {
                        long diff = (long) LONG.get(src, ip + len) ^ (long) LONG.get(src, ref + len);
                        if (diff == 0) {
                            len += 8;
                            continue;
                        }
                        len += Long.numberOfTrailingZeros(diff) >>> 3;
                        break;
                    }
                    while (ip + len < matchLimit && src[ip + len] == src[ref + len]) {
                        len++;
                    }
                    break;
                }
                op = sequence(src, anchor, ip - anchor, ip - ref, len, dst, op);
                ip += len;
                anchor = ip;
                if (ip > mfLimit) {
                    break;
                }
                table[hash((int) INT.get(src, ip - 2))] = ip - 2;
            }
        }
        return sequence(src, anchor, length - anchor, 0, 0, dst, op);
    }

    private static int hash(int seq) {
        return (seq * -1640531535) >>> (32 - HASH_BITS);
    }

    /** One sequence: literals, then a match unless {@code matchLength} is 0 (the last sequence). */
    private static int sequence(byte[] src, int from, int literals, int offset, int matchLength, byte[] dst, int op) {
        int tokenAt = op++;
        int token;
        if (literals >= 15) {
            token = 15 << 4;
            op = length(literals - 15, dst, op);
        } else {
            token = literals << 4;
        }
        System.arraycopy(src, from, dst, op, literals);
        op += literals;
        if (matchLength > 0) {
            dst[op++] = (byte) offset;
            dst[op++] = (byte) (offset >>> 8);
            int m = matchLength - MIN_MATCH;
            if (m >= 15) {
                token |= 15;
                op = length(m - 15, dst, op);
            } else {
                token |= m;
            }
        }
        dst[tokenAt] = (byte) token;
        return op;
    }

    private static int length(int rest, byte[] dst, int op) {
        while (rest >= 255) {
            dst[op++] = (byte) 255;
            rest -= 255;
        }
        dst[op++] = (byte) rest;
        return op;
    }

    /**
     * Decompresses the block {@code src[offset, offset + length)} into a new array of exactly
     * {@code size} bytes.
     *
     * @throws CorruptDataException when the block is not one of that size
     */
    public static byte[] decompress(byte[] src, int offset, int length, int size) throws CorruptDataException {
        byte[] dst = new byte[size];
        int ip = offset;
        int end = offset + length;
        int op = 0;
        while (true) {
            if (ip >= end) {
                throw corrupt("ends inside a sequence");
            }
            int token = src[ip++] & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (ip >= end) {
                        throw corrupt("ends inside a literal length");
                    }
                    b = src[ip++] & 0xff;
                    literals += b;
                } while (b == 255 && literals < size);
            }
            if (literals > end - ip || literals > size - op) {
                throw corrupt("a literal run past the end");
            }
            System.arraycopy(src, ip, dst, op, literals);
            ip += literals;
            op += literals;
            if (ip == end) {
                break;
            }
            if (end - ip < 2) {
                throw corrupt("ends inside a match offset");
            }
            int distance = (src[ip] & 0xff) | (src[ip + 1] & 0xff) << 8;
            ip += 2;
            if (distance == 0 || distance > op) {
                throw corrupt("a match offset outside the output");
            }
            int match = token & 15;
            if (match == 15) {
                int b;
                do {
                    if (ip >= end) {
                        throw corrupt("ends inside a match length");
                    }
                    b = src[ip++] & 0xff;
                    match += b;
                } while (b == 255 && match < size);
            }
            match += MIN_MATCH;
            if (match > size - op) {
                throw corrupt("a match past the end");
            }
            int from = op - distance;
            if (distance >= match) {
                System.arraycopy(dst, from, dst, op, match);
                op += match;
            } else {
                for (int i = 0; i < match; i++) {
                    dst[op++] = dst[from + i];
                }
            }
        }
        if (op != size) {
            throw corrupt("decodes to " + op + " bytes, not " + size);
        }
        return dst;
    }

    private static CorruptDataException corrupt(String what) {
        return new CorruptDataException("an LZ4 block that " + what);
    }
}
