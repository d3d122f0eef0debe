package dev.castore.store.objectstore.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import dev.castore.api.CorruptDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdCodecTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    private static byte[] text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < n; i++) {
            sb.append("line ").append(i % 97).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 128 * 1024 - 1, 128 * 1024, 128 * 1024 + 1, 300_000, 1 << 20})
    void rawFramesDecodeWithZstdItself(int size) throws Exception {
        byte[] data = random(size);
        byte[] frame = ZstdFrames.rawFrame(data);
        assertEquals(size, Zstd.getFrameContentSize(frame), "the frame says its content size");
        assertArrayEquals(data, Zstd.decompress(frame, size));
        assertArrayEquals(data, ZstdCodec.decompress(new ByteArrayInputStream(frame), size, 4 << 20, "test"));
    }

    @Test
    void rawFramesDecodeWithTheZstdCommand(@TempDir Path tmp) throws Exception {
        byte[] data = random(400_000);
        Path frame = Files.write(tmp.resolve("chunk.zst"), ZstdFrames.rawFrame(data));
        Process p = new ProcessBuilder("zstd", "-d", "-c", "-q", frame.toString()).start();
        byte[] decoded = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        assertArrayEquals(data, decoded);
    }

    @Test
    void chunksThatDoNotCompressAreStoredRawAndOthersCompressed() throws Exception {
        byte[] noise = random(256 * 1024);
        byte[] stored = ZstdFrames.compressChunk(noise);
        assertEquals(noise.length + 4 + 1 + 4 + 3 * 2, stored.length, "raw blocks: framing only");
        assertArrayEquals(noise, Zstd.decompress(stored, noise.length));

        byte[] prose = text(256 * 1024);
        byte[] compressed = ZstdFrames.compressChunk(prose);
        assertTrue(compressed.length < prose.length / 4, "text compresses: " + compressed.length);
        assertArrayEquals(prose, Zstd.decompress(compressed, prose.length));

        byte[] small = random(1000);
        assertArrayEquals(small, Zstd.decompress(ZstdFrames.compressChunk(small), small.length),
                "a chunk shorter than two samples is compressed without a sample");
    }

    @Test
    void aFrameThatStatesMoreThanTheLimitIsRefusedBeforeDecompressing() {
        byte[] frame = ZstdFrames.rawFrame(random(1000));
        // Claim 2 GiB - 1 in the frame's content size (bytes 5..8, little-endian).
        frame[5] = (byte) 0xFF;
        frame[6] = (byte) 0xFF;
        frame[7] = (byte) 0xFF;
        frame[8] = (byte) 0x7F;
        CorruptDataException e = assertThrows(
                CorruptDataException.class, () -> ZstdCodec.decompress(frame, -1, 1 << 20, "test"));
        assertTrue(e.getMessage().contains("decompresses to more than 1048576 bytes"), e.getMessage());
    }

    @Test
    void framesWithoutAContentSizeAreStreamed() throws Exception {
        byte[] data = text(300_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(out, 3)) {
            z.write(data);
        }
        assertEquals(-1, Zstd.getFrameContentSize(out.toByteArray()), "a streaming encoder states no size");
        assertArrayEquals(data, ZstdCodec.decompress(out.toByteArray(), -1, 1 << 20, "test"));
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 128 * 1024 - 1, 128 * 1024, 128 * 1024 + 1, 300_000, 1 << 20})
    void rawFramesDecodeInPlaceWithoutZstd(int size) throws Exception {
        byte[] data = random(size);
        byte[] frame = ZstdFrames.rawFrame(data);
        assertEquals(size, ZstdCodec.rawFrameSize(frame, 4 << 20), "recognised as a frame of raw blocks");
        ByteBuffer decoded = ZstdCodec.decompressInPlace(frame, size, 4 << 20, "test");
        assertArrayEquals(data, bytesOf(decoded));
        assertTrue(decoded.hasArray() && decoded.array() == frame, "a view of the array read, not a copy");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1000, 128 * 1024, 300_000, 1 << 20})
    void rawFramesInDirectMemoryDecodeInPlaceToTheSameBuffer(int size) throws Exception {
        byte[] data = random(size);
        byte[] frame = ZstdFrames.rawFrame(data);
        // A buffer larger than the frame, as a reader's is, limited to what was read.
        ByteBuffer stored = ByteBuffer.allocateDirect(frame.length + 4096).put(frame).flip();
        ByteBuffer decoded = ZstdCodec.decompressInPlace(stored, size, 4 << 20, "test");
        assertTrue(decoded == stored, "the buffer read into, its blocks moved together");
        assertEquals(0, decoded.position());
        assertArrayEquals(data, bytesOf(decoded));
    }

    @Test
    void framesInDirectMemoryThatAreNotRawDecodeThroughZstdOrAreRefused() throws Exception {
        byte[] data = text(300_000);
        byte[] frame = ZstdFrames.compressChunk(data);
        ByteBuffer stored = ByteBuffer.allocateDirect(frame.length + 100).put(frame).flip();
        ByteBuffer decoded = ZstdCodec.decompressInPlace(stored, data.length, 4 << 20, "test");
        assertArrayEquals(data, bytesOf(decoded));
        byte[] raw = ZstdFrames.rawFrame(random(300_000));
        ByteBuffer cut = ByteBuffer.allocateDirect(raw.length).put(raw, 0, raw.length - 1).flip();
        assertThrows(CorruptDataException.class, () -> ZstdCodec.decompressInPlace(cut, -1, 4 << 20, "test"));
        ByteBuffer over = ByteBuffer.allocateDirect(raw.length).put(raw).flip();
        assertThrows(CorruptDataException.class, () -> ZstdCodec.decompressInPlace(over, -1, 299_999, "test"));
    }

    @Test
    void compressedFramesStillDecodeThroughZstd() throws Exception {
        byte[] data = text(300_000);
        byte[] frame = ZstdFrames.compressChunk(data);
        assertEquals(-1, ZstdCodec.rawFrameSize(frame, 4 << 20), "compressed blocks are zstd's to decode");
        assertArrayEquals(data, bytesOf(ZstdCodec.decompressInPlace(frame, data.length, 4 << 20, "test")));
    }

    @Test
    void rawFramesThatDoNotAddUpAreLeftToZstdWhichRefusesThem() {
        byte[] data = random(300_000);
        byte[] good = ZstdFrames.rawFrame(data);
        // The content size says one byte more than the blocks hold.
        byte[] longer = good.clone();
        longer[5]++;
        // The last block is cut short.
        byte[] cut = Arrays.copyOf(good, good.length - 1);
        // Two bytes after the frame.
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        // The last block's "last" bit cleared: the frame ends without its last block.
        byte[] unended = good.clone();
        int lastHeader = good.length - (300_000 - 2 * 128 * 1024) - 3;
        unended[lastHeader] &= ~1;
        // A checksum announced (bit 2 of the descriptor).
        byte[] checksum = good.clone();
        checksum[4] |= 0x04;
        for (byte[] bad : new byte[][] {longer, cut, trailing, unended, checksum}) {
            assertEquals(-1, ZstdCodec.rawFrameSize(bad, 4 << 20));
            byte[] copy = bad.clone();
            assertThrows(CorruptDataException.class, () -> ZstdCodec.decompressInPlace(copy, -1, 4 << 20, "test"));
        }
    }

    @Test
    void aRawFrameOverTheLimitIsRefused() {
        byte[] frame = ZstdFrames.rawFrame(random(300_000));
        assertEquals(-1, ZstdCodec.rawFrameSize(frame, 299_999));
        assertThrows(CorruptDataException.class, () -> ZstdCodec.decompressInPlace(frame, -1, 299_999, "test"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 128 * 1024, 128 * 1024 + 1, 300_000, 1 << 20})
    void aFrameOfPartOfAnArrayIsTheFrameOfThatPartAndHandsItBackBlockByBlock(int size) throws Exception {
        byte[] around = random(size + 20);
        byte[] part = Arrays.copyOfRange(around, 7, 7 + size);
        byte[] frame = ZstdFrames.rawFrame(around, 7, size);
        assertArrayEquals(ZstdFrames.rawFrame(part), frame);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<Integer> blocks = new ArrayList<>();
        ZstdFrames.rawContent(frame, (array, offset, length) -> {
            assertTrue(array == frame, "the frame's own array, not a copy");
            content.write(array, offset, length);
            blocks.add(length);
        });
        assertArrayEquals(part, content.toByteArray());
        assertEquals(Math.max(1, (size + 128 * 1024 - 1) / (128 * 1024)), blocks.size(), "one call per block: " + blocks);
    }

    @Test
    void aFrameWrittenIntoALargerArrayIsTheFrameAndWhatFollowsItIsIgnored() throws Exception {
        // Writers frame chunk after chunk in arrays of the largest frame, holding older bytes.
        byte[] noise = random(300_000);
        byte[] into = random(700_000);
        int length = ZstdCodec.rawFrame(noise, 0, noise.length, into);
        assertEquals(ZstdCodec.rawFrameLength(noise.length), length);
        assertArrayEquals(ZstdFrames.rawFrame(noise), Arrays.copyOf(into, length));

        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ZstdCodec.rawContent(into, length, content::write);
        assertArrayEquals(noise, content.toByteArray());
        ByteBuffer object = ZstdCodec.chunkObject(into, length);
        assertTrue(object.array() == into && object.position() == 0 && object.remaining() == length,
                "noise is stored as the frame where it lies");

        byte[] prose = text(300_000);
        int proseLength = ZstdCodec.rawFrame(prose, 0, prose.length, into);
        ByteBuffer compressed = ZstdCodec.chunkObject(into, proseLength);
        byte[] stored = Arrays.copyOfRange(compressed.array(), compressed.position(), compressed.limit());
        assertArrayEquals(prose, Zstd.decompress(stored, prose.length));

        assertThrows(IllegalArgumentException.class, () -> ZstdCodec.rawFrame(noise, 0, noise.length, new byte[length - 1]));
    }

    @Test
    void aChunkThatDoesNotCompressIsStoredAsItsFrameAndOneThatDoesIsCompressed() throws Exception {
        byte[] noise = random(300_000);
        byte[] frame = ZstdFrames.rawFrame(noise, 0, noise.length);
        assertTrue(ZstdFrames.chunkObject(frame) == frame, "stored as it was laid out, without another copy");

        byte[] prose = text(300_000);
        byte[] object = ZstdFrames.chunkObject(ZstdFrames.rawFrame(prose, 0, prose.length));
        assertTrue(object.length < prose.length / 4, "text compresses: " + object.length);
        assertEquals(prose.length, Zstd.getFrameContentSize(object), "the frame says its content size");
        assertArrayEquals(prose, Zstd.decompress(object, prose.length));

        // Noise after a compressible start: the sample decides, and the chunk is compressed whole.
        byte[] mixed = Arrays.copyOf(text(20_000), 300_000);
        System.arraycopy(noise, 0, mixed, 20_000, 280_000);
        byte[] mixedObject = ZstdFrames.chunkObject(ZstdFrames.rawFrame(mixed, 0, mixed.length));
        assertEquals(-1, ZstdCodec.rawFrameSize(mixedObject, 1 << 20), "compressed, not raw");
        assertArrayEquals(mixed, Zstd.decompress(mixedObject, mixed.length));

        assertThrows(IllegalArgumentException.class, () -> ZstdFrames.chunkObject(object),
                "only a frame of raw blocks is taken");
    }

    @Test
    void reusedContextsCompressEachChunkAtTheLayoutsLevelFromAnyThread() throws Exception {
        // Each chunk's sample is compressed at level 1 and the chunk at level 3, on contexts that
        // threads take turns on: every object must be what a fresh level-3 compression gives.
        int threads = 8;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            work.add(() -> {
                for (int i = 0; i < 20; i++) {
                    int size = 40_000 + 7_919 * (seed * 20 + i);
                    byte[] prose = Arrays.copyOfRange(text(size + seed), seed, size + seed);
                    byte[] object = ZstdFrames.chunkObject(ZstdFrames.rawFrame(prose, 0, prose.length));
                    assertArrayEquals(Zstd.compress(prose, ZstdCodec.LEVEL), object, "chunk of " + size + " bytes");
                    byte[] noise = random(size);
                    byte[] frame = ZstdFrames.rawFrame(noise, 0, noise.length);
                    assertTrue(ZstdFrames.chunkObject(frame) == frame, "noise stays raw");
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        }
    }
}
