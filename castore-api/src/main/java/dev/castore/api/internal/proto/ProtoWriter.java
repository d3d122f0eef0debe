package dev.castore.api.internal.proto;

/**
 * Writes protobuf wire format into a pre-sized array: the canonical encoders compute every
 * length first, so nothing is copied or grown.
 */
public final class ProtoWriter {

    public static final int VARINT = 0;
    public static final int LEN = 2;

    private final byte[] out;
    private int pos;

    public ProtoWriter(int size) {
        this.out = new byte[size];
    }

    public static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }

    /** Number of bytes of {@code value} as a varint (unsigned). */
    public static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Size of a length-delimited field with a one-byte tag and a payload of {@code length} bytes. */
    public static int lenFieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    public ProtoWriter varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return this;
    }

    public ProtoWriter bytesField(int field, byte[] value) {
        varint(tag(field, LEN));
        varint(value.length);
        System.arraycopy(value, 0, out, pos, value.length);
        pos += value.length;
        return this;
    }

    public ProtoWriter lenHeader(int field, int length) {
        varint(tag(field, LEN));
        return varint(length);
    }

    public ProtoWriter varintField(int field, long value) {
        varint(tag(field, VARINT));
        return varint(value);
    }

    public byte[] finish() {
        if (pos != out.length) {
            throw new IllegalStateException("encoder size mismatch: wrote " + pos + " of " + out.length);
        }
        return out;
    }
}
