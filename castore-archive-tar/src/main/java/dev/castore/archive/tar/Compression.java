package dev.castore.archive.tar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The compression around a tar stream, recognised by its magic bytes, so that a pipe
 * ({@code --archive -}) needs no file name: gzip, zstd, xz, bzip2, or none.
 */
enum Compression {
    GZIP(new byte[] {0x1f, (byte) 0x8b}),
    ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
    XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
    BZIP2(new byte[] {'B', 'Z', 'h'}),
    NONE(new byte[0]);

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    /** {@code in} decompressed as its first bytes say (concatenated members and frames too). */
    static InputStream decompressing(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(8);
        byte[] head = buffered.readNBytes(6);
        buffered.reset();
        Compression c = of(head);
        return switch (c) {
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case ZSTD -> new ZstdCompressorInputStream(buffered);
            case XZ -> new XZCompressorInputStream(buffered, true);
            case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
            case NONE -> buffered;
        };
    }

    static Compression of(byte[] head) {
        for (Compression c : values()) {
            if (c != NONE && head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return NONE;
    }
}
