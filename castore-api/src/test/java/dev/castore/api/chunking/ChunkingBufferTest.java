package dev.castore.api.chunking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chunks a {@link ChunkingBuffer} lends: the same bytes at the same boundaries whatever the
 * writes, the size announced and the buffers reused from earlier blobs, and "whole" only for
 * a blob of one chunk.
 */
class ChunkingBufferTest {

    private static final FastCdc CDC = FastCdc.forAverage(1024); // chunks of 512..2048 bytes

    /** A chunk as lent, copied out. */
    private record Lent(byte[] bytes, boolean whole) {}

    /** The reference: every cut over the whole input at once. */
    private static List<byte[]> reference(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int n = CDC.cut(data, offset, data.length - offset).length();
            out.add(Arrays.copyOfRange(data, offset, offset + n));
            offset += n;
        }
        return out;
    }

    private static List<Lent> chunk(byte[] data, long expected, SplittableRandom writes) throws IOException {
        List<Lent> out = new ArrayList<>();
        ChunkingBuffer buffer = new ChunkingBuffer(CDC, (b, off, length, whole) ->
                out.add(new Lent(Arrays.copyOfRange(b, off, off + length), whole)));
        if (expected >= 0) {
            buffer.expect(expected);
        }
        int offset = 0;
        while (offset < data.length) {
            int n = Math.min(data.length - offset, writes.nextInt(1, 9000));
            buffer.write(ByteBuffer.wrap(data, offset, n));
            offset += n;
        }
        buffer.finish();
        return out;
    }

    @Test
    void lendsTheReferenceChunksWhateverTheWritesAndTheSizeAnnounced() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {1, 511, 2048, 2049, 4095, 4096, 4097, 10_000, 100_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            List<byte[]> expected = reference(data);
            // Unknown, exact, too small, too large: the announcement sizes the buffer, never the chunks.
            for (long announced : new long[] {-1, size, size / 3, 2L * size + 5000}) {
                List<Lent> lent = chunk(data, announced, random);
                assertEquals(expected.size(), lent.size(), "chunks of " + size + " bytes, " + announced + " announced");
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), lent.get(i).bytes(), "chunk " + i + " of " + size + " bytes");
                }
            }
        }
    }

    @Test
    void onlyTheChunkOfABlobOfOneIsWhole() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        byte[] small = new byte[500]; // under the minimum chunk size: one chunk
        random.nextBytes(small);
        List<Lent> one = chunk(small, small.length, random);
        assertEquals(1, one.size());
        assertTrue(one.getFirst().whole());

        byte[] large = new byte[50_000];
        random.nextBytes(large);
        List<Lent> many = chunk(large, -1, random);
        assertTrue(many.size() > 1);
        assertFalse(many.stream().anyMatch(Lent::whole), "no chunk of a blob of " + many.size() + " is whole");

        assertEquals(List.of(), chunk(new byte[0], 0, random), "the empty blob has no chunk");
    }

    @Test
    void aReusedBufferLendsNothingOfTheBlobBefore() throws IOException {
        // Large buffers go back to a shared pool: a blob after another, shorter than the first,
        // must see only its own bytes, also in the part of the buffer the first one filled.
        SplittableRandom random = new SplittableRandom(13);
        byte[] first = new byte[40_000];
        Arrays.fill(first, (byte) 0x5a);
        chunk(first, first.length, random);
        byte[] second = new byte[9_000];
        random.nextBytes(second);
        List<Lent> lent = chunk(second, second.length, random);
        List<byte[]> expected = reference(second);
        assertEquals(expected.size(), lent.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), lent.get(i).bytes());
        }
    }
}
