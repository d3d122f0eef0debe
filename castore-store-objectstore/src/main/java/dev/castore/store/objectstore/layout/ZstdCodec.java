package dev.castore.store.objectstore.layout;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import dev.castore.api.CorruptDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * zstd as the layout uses it: one frame per chunk at level 3 (the Rust zstd crate's default), and
 * decompression with a size limit, because a stored object must never make a reader allocate
 * without bound. The frames decode with any zstd (Rust's zstd crate, the {@code zstd} CLI).
 */
public final class ZstdCodec {

    /** The compression level tvix/snix use. */
    public static final int LEVEL = 3;

    private ZstdCodec() {}

    /** One zstd frame of {@code data}. */
    public static byte[] compress(byte[] data) {
        return Zstd.compress(data, LEVEL);
    }

    /**
     * Decompresses all of {@code compressed} (closed afterwards), which must yield at most
     * {@code limit} bytes; {@code sizeHint} (or -1) is the expected size, to allocate once.
     *
     * @throws CorruptDataException when the data is not zstd or decompresses to more than {@code limit}
     */
    public static byte[] decompress(InputStream compressed, int sizeHint, int limit, String what) throws IOException {
        try (InputStream in = new ZstdInputStream(compressed)) {
            byte[] buf = new byte[sizeHint >= 0 ? Math.min(sizeHint, limit) : Math.min(limit, 64 * 1024)];
            int n = 0;
            while (true) {
                n += in.readNBytes(buf, n, buf.length - n);
                if (n < buf.length) {
                    return Arrays.copyOf(buf, n);
                }
                int next = in.read();
                if (next < 0) {
                    return buf;
                }
                if (n >= limit) {
                    throw new CorruptDataException(what + " decompresses to more than " + limit + " bytes");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(limit, 2L * buf.length + 1));
                buf[n++] = (byte) next;
            }
        } catch (ZstdException | ZstdIOException e) {
            throw new CorruptDataException(what + " is not valid zstd: " + e.getMessage(), e);
        }
    }

    /** A zstd stream writer at {@link #LEVEL} into {@code out}. */
    public static com.github.luben.zstd.ZstdOutputStream outputStream(ByteArrayOutputStream out) throws IOException {
        return new com.github.luben.zstd.ZstdOutputStream(out, LEVEL);
    }
}
