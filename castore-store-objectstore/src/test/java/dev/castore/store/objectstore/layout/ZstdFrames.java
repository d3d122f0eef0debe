package dev.castore.store.objectstore.layout;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@link ZstdCodec}'s frames in arrays of their own, for tests that build stored objects by hand:
 * the codec itself works on ranges of arrays it is lent.
 */
public final class ZstdFrames {

    private ZstdFrames() {}

    /** One zstd frame of {@code data}, compressed at the layout's level. */
    public static byte[] compress(byte[] data) {
        return Zstd.compress(data, ZstdCodec.LEVEL);
    }

    /** The frame of raw blocks that {@link ZstdCodec#rawFrame} writes for {@code data}. */
    public static byte[] rawFrame(byte[] data) {
        return rawFrame(data, 0, data.length);
    }

    /** {@link #rawFrame(byte[])} of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] rawFrame(byte[] data, int offset, int length) {
        byte[] out = new byte[ZstdCodec.rawFrameLength(length)];
        ZstdCodec.rawFrame(data, offset, length, out);
        return out;
    }

    /** {@link ZstdCodec#chunkObject} of the whole of {@code frame}: {@code frame} itself when it is stored as it is. */
    public static byte[] chunkObject(byte[] frame) {
        ByteBuffer object = ZstdCodec.chunkObject(frame, frame.length);
        return object.array() == frame && object.arrayOffset() + object.position() == 0 && object.remaining() == frame.length
                ? frame
                : Arrays.copyOfRange(object.array(), object.arrayOffset() + object.position(),
                        object.arrayOffset() + object.limit());
    }

    /** What the layout stores for {@code chunk}: compressed, or raw when a sample does not compress. */
    public static byte[] compressChunk(byte[] chunk) {
        return chunkObject(rawFrame(chunk));
    }

    /** {@link ZstdCodec#rawContent} of the whole of {@code frame}. */
    public static void rawContent(byte[] frame, ZstdCodec.BlockSink sink) {
        ZstdCodec.rawContent(frame, frame.length, sink);
    }
}
