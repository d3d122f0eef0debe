package dev.castore.store.rocksdb.pack;

import dev.castore.api.CorruptDataException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 blocks (the block format of the LZ4 reference, without frame or checksum): the compression
 * of chunks in pack files, by lz4-java. It compresses with the reference's C code (its JNI build,
 * the reference's fast mode, as {@code LZ4_compress_default}), or with its Java port where that
 * library cannot be loaded; it decompresses with its safe decoder, which checks every length and
 * offset against its input and output. A chunk's digest is checked after it anyway.
 */
public final class Lz4Codec {

    private static final LZ4Factory FACTORY = factory();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    private Lz4Codec() {}

    /**
     * The JNI build where it loads, else the fastest Java one. Not {@code fastestInstance()}: it
     * tries the JNI build only when lz4-java was loaded by the system class loader, and the
     * plugin's layer has a loader of its own (the image's imports then compressed in Java, 4
     * CPU-s more for the benchmark tree).
     */
    private static LZ4Factory factory() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (RuntimeException | LinkageError e) { // no build for this platform, or it did not load
            return LZ4Factory.fastestJavaInstance();
        }
    }

    /** The largest compressed length of {@code length} bytes. */
    public static int maxCompressedLength(int length) {
        return COMPRESSOR.maxCompressedLength(length);
    }

    /**
     * Compresses {@code src[offset, offset + length)} into {@code dst} (at least
     * {@link #maxCompressedLength} long); returns the compressed length.
     */
    public static int compress(byte[] src, int offset, int length, byte[] dst) {
        return COMPRESSOR.compress(src, offset, length, dst, 0, dst.length);
    }

    /** Whether {@link #compress} and {@link #decompress} run the reference's C code. */
    public static boolean nativeCode() {
        return FACTORY.toString().endsWith(":JNI");
    }

    /**
     * Decompresses the block {@code src[offset, offset + length)} into a new array of exactly
     * {@code size} bytes.
     *
     * @throws CorruptDataException when the block is not one of that size
     */
    public static byte[] decompress(byte[] src, int offset, int length, int size) throws CorruptDataException {
        byte[] dst = new byte[size];
        int n;
        try {
            n = DECOMPRESSOR.decompress(src, offset, length, dst, 0, size);
        } catch (LZ4Exception e) {
            throw new CorruptDataException("an LZ4 block that does not decode to " + size + " bytes ("
                    + e.getMessage() + ")", e);
        }
        if (n != size) {
            throw new CorruptDataException("an LZ4 block that decodes to " + n + " bytes, not " + size);
        }
        return dst;
    }
}
