package dev.castore.store.objectstore.layout;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import dev.castore.api.CorruptDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * zstd as the layout uses it: one frame per chunk, and decompression with a size limit, because
 * a stored object must never make a reader allocate without bound. The frames decode with any
 * zstd (Rust's zstd crate, the {@code zstd} CLI).
 *
 * <p>A chunk is compressed at level 3 (the Rust zstd crate's default) unless a sample of it does
 * not compress: then it is stored as a frame of raw blocks, which costs a copy instead of a
 * compression attempt over every byte (zstd finds incompressible data quickly, about 1.1 GB/s at
 * level 3 on this build's machines, but a copy is ten times faster, and already compressed files
 * are common: archives, media, packages).
 */
public final class ZstdCodec {

    /** The compression level tvix/snix use. */
    public static final int LEVEL = 3;

    private ZstdCodec() {}

    /** Bytes of a chunk compressed at level 1 to judge whether compressing it pays. */
    static final int SAMPLE = 16 * 1024;
    /** A sample must shrink below this share of its size for the chunk to be compressed. */
    static final double WORTH = 0.97;
    /** The largest raw block zstd allows. */
    static final int MAX_BLOCK = 128 * 1024;

    /**
     * Compression contexts kept for the next chunk: {@link Zstd#compressByteArray} makes and frees
     * one per call, and making one (its tables cleared) was about 1 % of the CPU of an import into
     * {@code file://}, as much as compressing the samples. At most two per core are kept; one
     * that fails is dropped. A stack: the context used last is taken first, its tables likelier
     * still in the caches.
     */
    private static final LinkedBlockingDeque<ZstdCompressCtx> CONTEXTS =
            new LinkedBlockingDeque<>(2 * Runtime.getRuntime().availableProcessors());

    /**
     * What the layout stores for the chunk that the first {@code length} bytes of {@code frame}
     * hold, a frame of raw blocks from {@link #rawFrame(byte[], int, int, byte[])}: the frame
     * itself (a view of {@code frame}) when a sample of the chunk does not compress, else the
     * chunk compressed at {@link #LEVEL} in an array of its own (then {@code frame} is
     * overwritten). A chunk is copied once on its way to storage, straight into the frame, and
     * stored from it unless it compresses, which is rare for the chunks of large files and costs
     * far more than a copy anyway.
     */
    public static ByteBuffer chunkObject(byte[] frame, int length) {
        ByteBuffer framed = ByteBuffer.wrap(frame, 0, length);
        int size = rawFrameSize(framed, Integer.MAX_VALUE);
        if (size < 0) {
            throw new IllegalArgumentException("not a frame of raw blocks");
        }
        if (size >= 2 * SAMPLE) {
            // The sample is the start of the first block (2 * SAMPLE < MAX_BLOCK), compressed into a
            // scratch array of its own: no copy of it, no array of zstd's.
            byte[] scratch = new byte[(int) Zstd.compressBound(SAMPLE)];
            int n;
            try {
                n = compress(scratch, frame, RAW_HEADER + 3, SAMPLE, 1);
            } catch (ZstdException e) {
                return framed;
            }
            if (n >= WORTH * SAMPLE) {
                return framed;
            }
        }
        moveBlocksToFront(framed, size); // the chunk, now at the front of frame
        byte[] out = new byte[(int) Zstd.compressBound(size)];
        try {
            return ByteBuffer.wrap(out, 0, compress(out, frame, 0, size, LEVEL));
        } catch (ZstdException e) {
            throw new IllegalStateException("zstd cannot compress a chunk: " + e.getMessage(), e);
        }
    }

    /** Compresses {@code length} bytes of {@code src} from {@code offset} into one frame at the start of {@code dst}: its size. */
    private static int compress(byte[] dst, byte[] src, int offset, int length, int level) {
        ZstdCompressCtx ctx = CONTEXTS.pollFirst();
        if (ctx == null) {
            ctx = new ZstdCompressCtx();
        }
        boolean reusable = false;
        try {
            int n = ctx.setLevel(level).compressByteArray(dst, 0, dst.length, src, offset, length);
            reusable = true;
            return n;
        } finally {
            if (!reusable || !CONTEXTS.offerFirst(ctx)) {
                ctx.close();
            }
        }
    }

    /** Bytes of the header of a frame that {@link #rawFrame} writes, before its first block header. */
    static final int RAW_HEADER = 4 + 1 + 4;

    /** The bytes of the frame that {@link #rawFrame} writes for a chunk of {@code length} bytes. */
    public static int rawFrameLength(int length) {
        return RAW_HEADER + 3 * rawBlocks(length) + length;
    }

    /** The raw blocks of the frame of a chunk of {@code length} bytes: one at least, even for no bytes. */
    private static int rawBlocks(int length) {
        return Math.max(1, (length + MAX_BLOCK - 1) / MAX_BLOCK);
    }

    /**
     * Writes a zstd frame (RFC 8878) that holds {@code length} bytes of {@code data} from
     * {@code offset} in raw blocks (single segment, content size in four bytes, no checksum: the
     * chunk's BLAKE3 covers it) into {@code into} from its start, which must hold
     * {@link #rawFrameLength} bytes: the frame's length.
     */
    public static int rawFrame(byte[] data, int offset, int length, byte[] into) {
        int frameLength = rawFrameLength(length);
        if (into.length < frameLength) {
            throw new IllegalArgumentException("a frame of " + frameLength + " bytes does not fit in " + into.length);
        }
        int blocks = rawBlocks(length);
        int o = 0;
        o = putIntLE(into, o, 0xFD2FB528); // magic
        into[o++] = (byte) 0xA0; // content size in 4 bytes, single segment
        o = putIntLE(into, o, length);
        for (int b = 0, from = 0; b < blocks; b++) {
            int size = Math.min(MAX_BLOCK, length - from);
            int header = (size << 3) | (b == blocks - 1 ? 1 : 0); // block type 0: raw
            into[o++] = (byte) header;
            into[o++] = (byte) (header >>> 8);
            into[o++] = (byte) (header >>> 16);
            System.arraycopy(data, offset + from, into, o, size);
            o += size;
            from += size;
        }
        return o;
    }

    /** Receives the content of a frame of raw blocks, one block at a time. */
    @FunctionalInterface
    public interface BlockSink {
        void accept(byte[] array, int offset, int length);
    }

    /**
     * Hands the content of the frame in the first {@code length} bytes of {@code frame}, which
     * {@link #rawFrame} wrote, to {@code sink} block by block, in order: what a digest of the chunk
     * reads, without the chunk being copied out of the frame.
     */
    public static void rawContent(byte[] frame, int length, BlockSink sink) {
        ByteBuffer headers = ByteBuffer.wrap(frame);
        int in = RAW_HEADER;
        while (in < length) {
            int header = blockHeader(headers, in);
            int block = header >>> 3;
            sink.accept(frame, in + 3, block);
            in += 3 + block;
            if ((header & 1) != 0) {
                break;
            }
        }
    }

    private static int putIntLE(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
        return o + 4;
    }

    /**
     * Decompresses {@code compressed}, which must yield at most {@code limit} bytes. A single
     * frame that states its content size (castore's and tvix/snix's chunks) is decompressed in
     * one call into an array of that size; anything else (Rust's streaming encoder writes frames
     * without a size, possibly several) is streamed. A stated size over the limit is refused
     * before anything is allocated.
     *
     * @throws CorruptDataException when the data is not zstd or decompresses to more than {@code limit}
     */
    public static byte[] decompress(byte[] compressed, int sizeHint, int limit, String what) throws IOException {
        long size = statedSize(compressed, limit, what);
        if (size >= 0) {
            byte[] out = new byte[(int) size];
            long n;
            try {
                n = Zstd.decompressByteArray(out, 0, out.length, compressed, 0, compressed.length);
            } catch (ZstdException e) {
                throw new CorruptDataException(what + " is not valid zstd: " + e.getMessage(), e);
            }
            if (Zstd.isError(n) || n != size) {
                throw new CorruptDataException(what + " is not valid zstd: "
                        + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes where the frame says " + size));
            }
            return out;
        }
        return decompress(new java.io.ByteArrayInputStream(compressed), sizeHint, limit, what);
    }

    /**
     * The chunk a stored object holds: {@link #decompress(byte[], int, int, String)}, except that a
     * frame of raw blocks (what {@link #rawFrame} writes for a chunk that does not compress) is
     * decoded here, in place: its blocks are moved together inside {@code stored}, and the result
     * is a view of it. Reading such a chunk costs no call into zstd and no copy of its bytes
     * elsewhere; the library (and the code it generates to call it, when it first loads) is not
     * needed at all by a read of chunks that did not compress. {@code stored} is overwritten.
     *
     * @throws CorruptDataException when the data is not zstd or decompresses to more than {@code limit}
     */
    public static ByteBuffer decompressInPlace(byte[] stored, int sizeHint, int limit, String what) throws IOException {
        return decompressInPlace(ByteBuffer.wrap(stored), sizeHint, limit, what);
    }

    /**
     * {@link #decompressInPlace(byte[], int, int, String)} of the bytes of {@code stored} from its
     * start to its limit, which may be direct memory: the chunk of a frame of raw blocks is the
     * same buffer, {@code stored} itself (position 0, limit the chunk's size); anything else is
     * decompressed into a new array.
     *
     * @throws CorruptDataException when the data is not zstd or decompresses to more than {@code limit}
     */
    public static ByteBuffer decompressInPlace(ByteBuffer stored, int sizeHint, int limit, String what) throws IOException {
        int size = rawFrameSize(stored, limit);
        if (size < 0) {
            byte[] frame;
            if (stored.hasArray() && stored.arrayOffset() == 0 && stored.limit() == stored.array().length) {
                frame = stored.array();
            } else {
                frame = new byte[stored.limit()];
                stored.get(0, frame);
            }
            return ByteBuffer.wrap(decompress(frame, sizeHint, limit, what));
        }
        return moveBlocksToFront(stored, size);
    }

    /** The content of {@code stored}, a frame of raw blocks of {@code size} bytes checked by {@link #rawFrameSize}, moved to its front. */
    private static ByteBuffer moveBlocksToFront(ByteBuffer stored, int size) {
        // The blocks move to the front one after another: each lands at or before where it is read
        // from, so moving them in order never overwrites what is to come.
        int in = headerSize(stored.get(4));
        int out = 0;
        while (out < size) {
            int block = blockSize(stored, in);
            stored.put(out, stored, in + 3, block);
            in += 3 + block;
            out += block;
        }
        return stored.position(0).limit(size);
    }

    /** {@link #rawFrameSize(ByteBuffer, int)} of all of {@code frame}. */
    static int rawFrameSize(byte[] frame, int limit) {
        return rawFrameSize(ByteBuffer.wrap(frame), limit);
    }

    /**
     * The content size of {@code frame} (its bytes from index 0 to its limit) when it is exactly
     * one zstd frame (RFC 8878) made of raw blocks only, without dictionary or checksum, that
     * states its content size (at most {@code limit}) and whose blocks add up to it; -1 for
     * anything else, which zstd then decodes or refuses.
     */
    static int rawFrameSize(ByteBuffer frame, int limit) {
        int length = frame.limit();
        if (length < 6 || intLE(frame, 0) != 0xFD2FB528) {
            return -1;
        }
        int descriptor = frame.get(4) & 0xFF;
        int sizeFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        // Single segment (so the window is the content, and every raw block within it), no
        // reserved bit, checksum or dictionary ID: the frames rawFrame writes.
        if ((descriptor & 0x0F) != 0 || !singleSegment) {
            return -1;
        }
        int header = headerSize(frame.get(4));
        if (length < header) {
            return -1;
        }
        int at = 5; // the content size follows the descriptor: no window descriptor in a single segment
        long stated = switch (sizeFlag) {
            case 0 -> frame.get(at) & 0xFFL;
            case 1 -> (frame.get(at) & 0xFFL | (frame.get(at + 1) & 0xFFL) << 8) + 256;
            case 2 -> intLE(frame, at) & 0xFFFFFFFFL;
            default -> longLE(frame, at);
        };
        if (stated < 0 || stated > limit) {
            return -1;
        }
        long total = 0;
        int in = header;
        while (true) {
            if (length - in < 3) {
                return -1;
            }
            int blockHeader = blockHeader(frame, in);
            int block = blockHeader >>> 3;
            // Type 0 (raw) only, and no block over zstd's maximum.
            if ((blockHeader & 0x6) != 0 || block > MAX_BLOCK || length - in - 3 < block) {
                return -1;
            }
            in += 3 + block;
            total += block;
            if ((blockHeader & 1) != 0) {
                break;
            }
        }
        return in == length && total == stated ? (int) stated : -1;
    }

    /** Bytes of a frame's header (magic included) with frame header descriptor {@code descriptor}, without dictionary ID. */
    private static int headerSize(byte descriptor) {
        int sizeFlag = (descriptor & 0xFF) >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        int sizeField = switch (sizeFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        return 4 + 1 + (singleSegment ? 0 : 1) + sizeField;
    }

    /** The 3-byte block header at {@code at}: last-block bit, block type (2 bits), block size (21 bits). */
    private static int blockHeader(ByteBuffer frame, int at) {
        return (frame.get(at) & 0xFF) | (frame.get(at + 1) & 0xFF) << 8 | (frame.get(at + 2) & 0xFF) << 16;
    }

    private static int blockSize(ByteBuffer frame, int at) {
        return blockHeader(frame, at) >>> 3;
    }

    private static int intLE(ByteBuffer b, int o) {
        return (b.get(o) & 0xFF) | (b.get(o + 1) & 0xFF) << 8 | (b.get(o + 2) & 0xFF) << 16 | (b.get(o + 3) & 0xFF) << 24;
    }

    private static long longLE(ByteBuffer b, int o) {
        return (intLE(b, o) & 0xFFFFFFFFL) | (long) intLE(b, o + 4) << 32;
    }

    /**
     * How many bytes {@code compressed} decompresses to, at most {@code limit}: what the frame
     * states when it is a single frame that states it, else counted by decompressing.
     *
     * @throws CorruptDataException when the data is not zstd or decompresses to more than {@code limit}
     */
    public static long decompressedSize(byte[] compressed, int limit, String what) throws IOException {
        long size = statedSize(compressed, limit, what);
        return size >= 0 ? size : decompress(compressed, -1, limit, what).length;
    }

    /**
     * The content size {@code compressed} states, when it is one frame that states it; -1 when it
     * does not (several frames, or a frame without a size).
     *
     * @throws CorruptDataException when the data is not zstd or states a size over {@code limit}
     */
    private static long statedSize(byte[] compressed, int limit, String what) throws IOException {
        try {
            long size = Zstd.getFrameContentSize(compressed);
            if (size > limit) {
                throw new CorruptDataException(what + " decompresses to more than " + limit + " bytes (its frame says " + size + ")");
            }
            return size >= 0 && Zstd.findFrameCompressedSize(compressed) == compressed.length ? size : -1;
        } catch (ZstdException e) {
            throw new CorruptDataException(what + " is not valid zstd: " + e.getMessage(), e);
        }
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
