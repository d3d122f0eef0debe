package dev.castore.store.rocksdb.pack;

import dev.castore.api.CorruptDataException;
import java.io.ByteArrayOutputStream;

/**
 * Where a chunk is stored: its pack, offset and stored length, its size, and how it is stored
 * ({@link #RAW} or {@link #LZ4}). In the index as five unsigned varints.
 */
public record PackLocation(int pack, long offset, int length, int size, int codec) {

    /** The chunk's bytes as they are. */
    public static final int RAW = 0;
    /** An LZ4 block ({@link Lz4Codec}). */
    public static final int LZ4 = 1;

    /** The end of the stored bytes in the pack. */
    public long end() {
        return offset + length;
    }

    /** The index value. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(20);
        varint(out, pack);
        varint(out, offset);
        varint(out, length);
        varint(out, size);
        varint(out, codec);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * The location an index value states.
     *
     * @throws CorruptDataException when it is not five varints of a possible location
     */
    public static PackLocation decode(byte[] value) throws CorruptDataException {
        long[] v = new long[5];
        int at = 0;
        for (int i = 0; i < v.length; i++) {
            long x = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= value.length || shift > 56) {
                    throw invalid(value);
                }
                int b = value[at++];
                x |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            v[i] = x;
        }
        if (at != value.length || v[0] < 1 || v[0] > Integer.MAX_VALUE || v[1] < PackFiles.FIRST_OFFSET
                || v[2] > Integer.MAX_VALUE - 8 || v[3] > Integer.MAX_VALUE - 8 || (v[4] != RAW && v[4] != LZ4)
                || (v[4] == RAW && v[2] != v[3])) {
            throw invalid(value);
        }
        return new PackLocation((int) v[0], v[1], (int) v[2], (int) v[3], (int) v[4]);
    }

    private static CorruptDataException invalid(byte[] value) {
        return new CorruptDataException("a chunk location that is not one: "
                + java.util.HexFormat.of().formatHex(value));
    }
}
