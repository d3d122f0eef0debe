package dev.castore.api.internal.proto;

import java.util.Arrays;

/**
 * Reads protobuf wire format from a byte range, failing with {@link MalformedProtoException} on
 * truncation, overlong varints, bad wire types and lengths past the end.
 */
public final class ProtoReader {

    private final byte[] buf;
    private int pos;
    private final int end;

    public ProtoReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Reads a tag; returns it whole (field number = tag >>> 3, wire type = tag & 7). */
    public int readTag() {
        long tag = readVarint();
        if (tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw new MalformedProtoException("invalid field tag " + tag);
        }
        return (int) tag;
    }

    public long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new MalformedProtoException("truncated varint");
            }
            byte b = buf[pos++];
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new MalformedProtoException("varint overflows 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes");
    }

    /** Reads a length prefix and returns the start offset of the payload, advancing past it. */
    public int readLengthDelimited() {
        long len = readVarint();
        if (len < 0 || len > end - pos) {
            throw new MalformedProtoException("length " + Long.toUnsignedString(len) + " runs past the end of the message ("
                    + (end - pos) + " bytes left)");
        }
        int start = pos;
        pos += (int) len;
        return start;
    }

    /** Reads a length-delimited field into a fresh array. */
    public byte[] readBytes() {
        int start = readLengthDelimited();
        return Arrays.copyOfRange(buf, start, pos);
    }

    public int position() {
        return pos;
    }

    /** Skips a field of an unknown number with the given wire type. */
    public void skip(int wireType) {
        switch (wireType) {
            case 0 -> readVarint();
            case 1 -> advance(8);
            case 2 -> readLengthDelimited();
            case 5 -> advance(4);
            default -> throw new MalformedProtoException("unsupported wire type " + wireType);
        }
    }

    private void advance(int n) {
        if (end - pos < n) {
            throw new MalformedProtoException("truncated fixed-width field");
        }
        pos += n;
    }

    /** Fails unless the field has the expected wire type. */
    public static void expectWireType(int tag, int wireType, String fieldName) {
        if ((tag & 7) != wireType) {
            throw new MalformedProtoException("field " + fieldName + " (number " + (tag >>> 3) + ") has wire type "
                    + (tag & 7) + ", expected " + wireType);
        }
    }
}
