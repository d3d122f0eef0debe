package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Segments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkedBlobReaderTest {

    /** A blob cut into chunks, stored by digest. */
    private record Chunked(byte[] blob, B3Digest digest, List<ChunkMeta> metas, Map<B3Digest, byte[]> store) {
        static Chunked of(byte[]... chunks) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<ChunkMeta> metas = new ArrayList<>();
            Map<B3Digest, byte[]> store = new HashMap<>();
            for (byte[] c : chunks) {
                metas.add(new ChunkMeta(Blake3.hash(c), c.length));
                store.put(Blake3.hash(c), c);
                all.writeBytes(c);
            }
            return new Chunked(all.toByteArray(), Blake3.hash(all.toByteArray()), metas, store);
        }

        ChunkedBlobReader reader(List<ChunkMeta> listed, List<Integer> fetched, int readAhead) {
            return new ChunkedBlobReader(digest, listed, (i, m) -> {
                fetched.add(i);
                return ByteBuffer.wrap(store.get(m.digest()));
            }, readAhead);
        }
    }

    private static byte[] readAll(BlobReader r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(3);
        while (r.read(buf.clear()) >= 0) {
            out.write(buf.array(), 0, buf.position());
        }
        return out.toByteArray();
    }

    private static final Chunked HELLO = Chunked.of("hello ".getBytes(), "chunked ".getBytes(), "world".getBytes());

    @Test
    void readsSeeksAndFetchesOnlyTheChunksItNeeds() throws Exception {
        List<Integer> fetched = Collections.synchronizedList(new ArrayList<>());
        ChunkedBlobReader r = HELLO.reader(HELLO.metas(), fetched, 0);
        assertEquals(19, r.size());
        r.position(15);
        ByteBuffer buf = ByteBuffer.allocate(10);
        assertEquals(4, r.read(buf));
        assertArrayEquals("orld".getBytes(), Arrays.copyOf(buf.array(), 4));
        assertEquals(List.of(2), fetched, "a seek fetches only the chunk it lands in");
        assertEquals(-1, r.read(buf));
        r.position(4);
        ByteBuffer mid = ByteBuffer.allocate(6);
        r.read(mid);
        assertArrayEquals("o chun".getBytes(), mid.array());
    }

    @Test
    void aSequentialReadFetchesAheadAndReturnsTheBlob() throws Exception {
        byte[][] pieces = new byte[20][];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[random.nextInt(1, 3000)];
            random.nextBytes(pieces[i]);
        }
        Chunked c = Chunked.of(pieces);
        List<Integer> fetched = Collections.synchronizedList(new ArrayList<>());
        try (ChunkedBlobReader r = c.reader(c.metas(), fetched, 4)) {
            ByteBuffer first = ByteBuffer.allocate(1);
            r.read(first);
            Thread.sleep(100);
            assertEquals(List.of(0, 1, 2, 3, 4), fetched.stream().sorted().toList(),
                    "the first read starts fetching the next four chunks");
            r.position(0);
            assertArrayEquals(c.blob(), readAll(r));
        }
    }

    @Test
    void aChunkThatDoesNotMatchItsDigestIsNeverServed() {
        byte[] good = "good".getBytes();
        ChunkMeta meta = new ChunkMeta(Blake3.hash(good), good.length);
        ChunkedBlobReader r = new ChunkedBlobReader(meta.digest(), List.of(meta), (i, m) -> ByteBuffer.wrap("evil".getBytes()));
        assertThrows(CorruptDataException.class, () -> r.read(ByteBuffer.allocate(4)));
        ChunkedBlobReader shorter = new ChunkedBlobReader(meta.digest(), List.of(meta),
                (i, m) -> ByteBuffer.wrap("goo".getBytes()));
        assertThrows(CorruptDataException.class, () -> shorter.read(ByteBuffer.allocate(4)));
    }

    @Test
    void aReorderedChunkListFailsBeforeTheLastChunkIsServed() throws Exception {
        List<ChunkMeta> swapped = new ArrayList<>(HELLO.metas());
        Collections.swap(swapped, 0, 1);
        ChunkedBlobReader r = HELLO.reader(swapped, Collections.synchronizedList(new ArrayList<>()), 2);
        ByteBuffer buf = ByteBuffer.allocate(100);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> {
            while (r.read(buf) >= 0) {
                // read on
            }
        });
        assertTrue(e.getMessage().contains("the chunk list is damaged"), e.getMessage());
        assertEquals(14, buf.position(), "the two valid chunks were served, the last one not");
        assertThrows(CorruptDataException.class, () -> r.read(ByteBuffer.allocate(1)), "the failure sticks");
    }

    @Test
    void aChunkListMissingItsLastEntryFailsAtTheEnd() {
        List<ChunkMeta> dropped = HELLO.metas().subList(0, 2);
        ChunkedBlobReader r = HELLO.reader(dropped, Collections.synchronizedList(new ArrayList<>()), 1);
        assertThrows(CorruptDataException.class, () -> readAll(r));
    }

    @Test
    void rereadingAfterABackwardSeekKeepsTheWholeBlobCheck() throws Exception {
        List<ChunkMeta> swapped = new ArrayList<>(HELLO.metas());
        Collections.swap(swapped, 0, 1);
        ChunkedBlobReader r = HELLO.reader(swapped, Collections.synchronizedList(new ArrayList<>()), 0);
        r.read(ByteBuffer.allocate(10));
        r.position(2);
        r.read(ByteBuffer.allocate(3));
        assertThrows(CorruptDataException.class, () -> readAll(r));
        // The intact list reads back whole the same way.
        ChunkedBlobReader good = HELLO.reader(HELLO.metas(), Collections.synchronizedList(new ArrayList<>()), 0);
        good.read(ByteBuffer.allocate(10));
        good.position(0);
        assertArrayEquals(HELLO.blob(), readAll(good));
    }

    @Test
    void aReadAfterAForwardSeekVerifiesChunksOnly() throws Exception {
        List<ChunkMeta> swapped = new ArrayList<>(HELLO.metas());
        Collections.swap(swapped, 0, 1);
        ChunkedBlobReader r = HELLO.reader(swapped, Collections.synchronizedList(new ArrayList<>()), 0);
        r.position(8);
        assertArrayEquals("hello world".getBytes(), readAll(r),
                "each chunk is valid; without the start, the order cannot be checked");
    }

    @Test
    void segmentsAreCheckedAgainstTheirVerifiersAndTheVerifiersAgainstTheDigest() throws Exception {
        Blake3Segments layout = new Blake3Segments(1024);
        byte[] blob = new byte[5 * 1024 + 100];
        new SplittableRandom(9).nextBytes(blob);
        B3Digest digest = Blake3.hash(blob);
        List<byte[]> verifiers = new ArrayList<>();
        for (int i = 0; i < layout.count(blob.length); i++) {
            verifiers.add(layout.verifier(ByteBuffer.wrap(blob, 1024 * i, layout.length(i, blob.length)), i, blob.length));
        }
        ChunkedBlobReader.ChunkFetcher pieces = (i, m) -> ByteBuffer.wrap(blob, 1024 * i, (int) m.size());
        assertArrayEquals(blob, readAll(ChunkedBlobReader.ofSegments(digest, blob.length, layout, verifiers, pieces, 2)));

        byte[] damaged = blob.clone();
        damaged[3 * 1024 + 5] ^= 1;
        ChunkedBlobReader r = ChunkedBlobReader.ofSegments(digest, blob.length, layout, verifiers,
                (i, m) -> ByteBuffer.wrap(damaged, 1024 * i, (int) m.size()), 2);
        ByteBuffer buf = ByteBuffer.allocate(blob.length);
        assertThrows(CorruptDataException.class, () -> {
            while (r.read(buf) >= 0) {
                // read on
            }
        });
        assertEquals(3 * 1024, buf.position(), "the segments before the damaged one were served");

        List<byte[]> wrong = new ArrayList<>(verifiers);
        Collections.swap(wrong, 1, 2);
        assertThrows(CorruptDataException.class,
                () -> ChunkedBlobReader.ofSegments(digest, blob.length, layout, wrong, pieces, 2));
    }

    @Test
    void chunkIndexRoundTripsAndValidatesDigestLengths() throws Exception {
        List<ChunkMeta> list = List.of(new ChunkMeta(Blake3.hash(new byte[] {1}), 1), new ChunkMeta(Blake3.hash(new byte[0]), 0));
        assertEquals(list, ChunkIndex.decode(ChunkIndex.encode(list)));
        assertEquals(0, ChunkIndex.encode(List.of()).length);
        assertEquals(List.of(), ChunkIndex.decode(new byte[0]));
        // chunks { digest: 3 bytes }
        assertThrows(CorruptDataException.class, () -> ChunkIndex.decode(new byte[] {0x12, 0x05, 0x0a, 0x03, 1, 2, 3}));
    }

    @Test
    void transferToWritesTheRestOfTheBlobFromThePosition() throws Exception {
        List<Integer> fetched = Collections.synchronizedList(new ArrayList<>());
        try (ChunkedBlobReader r = HELLO.reader(HELLO.metas(), fetched, 1)) {
            r.position(3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(16, r.transferTo(Channels.newChannel(out)));
            assertEquals("lo chunked world", out.toString());
            assertEquals(19, r.position());
            assertEquals(0, r.transferTo(Channels.newChannel(out)), "nothing left at the end");
        }
    }

    @Test
    void transferToServesNoByteOfAChunkListThatDoesNotMakeTheBlob() {
        List<ChunkMeta> swapped = new ArrayList<>(HELLO.metas());
        Collections.swap(swapped, 0, 1);
        ChunkedBlobReader r = HELLO.reader(swapped, Collections.synchronizedList(new ArrayList<>()), 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> r.transferTo(Channels.newChannel(out)));
        assertTrue(e.getMessage().contains("the chunk list is damaged"), e.getMessage());
        assertEquals("chunked hello ", out.toString(), "the two valid chunks were written, the last one not");
    }

    @Test
    void transferToOfAChunkThatDoesNotMatchWritesNothing() {
        byte[] good = "good".getBytes();
        ChunkMeta meta = new ChunkMeta(Blake3.hash(good), good.length);
        ChunkedBlobReader r = new ChunkedBlobReader(meta.digest(), List.of(meta), (i, m) -> ByteBuffer.wrap("evil".getBytes()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(CorruptDataException.class, () -> r.transferTo(Channels.newChannel(out)));
        assertEquals(0, out.size());
    }

    /** A blob of about 1 MiB in chunks of a few bytes to 60 KiB, hashed piecewise as a whole. */
    private static final Chunked LARGE = large();

    private static Chunked large() {
        SplittableRandom random = new SplittableRandom(11);
        byte[][] pieces = new byte[40][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[i % 7 == 3 ? 1 + random.nextInt(20) : random.nextInt(1, 60_000)];
            random.nextBytes(pieces[i]);
        }
        return Chunked.of(pieces);
    }

    @Test
    void aLargeBlobReadsWholeAndItsReorderedListFailsBeforeTheLastChunk() throws Exception {
        for (int readAhead : new int[] {0, 1, 4}) {
            try (ChunkedBlobReader r = LARGE.reader(LARGE.metas(), Collections.synchronizedList(new ArrayList<>()), readAhead)) {
                assertArrayEquals(LARGE.blob(), readAll(r), "read ahead " + readAhead);
            }
            try (ChunkedBlobReader r = LARGE.reader(LARGE.metas(), Collections.synchronizedList(new ArrayList<>()), readAhead)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertEquals(LARGE.blob().length, r.transferTo(Channels.newChannel(out)));
                assertArrayEquals(LARGE.blob(), out.toByteArray());
            }
            // Two chunks of the middle swapped: every chunk is valid, the list is not.
            List<ChunkMeta> swapped = new ArrayList<>(LARGE.metas());
            Collections.swap(swapped, 10, 11);
            long beforeLast = LARGE.blob().length - swapped.getLast().size();
            ChunkedBlobReader r = LARGE.reader(swapped, Collections.synchronizedList(new ArrayList<>()), readAhead);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> r.transferTo(Channels.newChannel(out)));
            assertTrue(e.getMessage().contains("the chunk list is damaged"), e.getMessage());
            assertEquals(beforeLast, out.size(), "every chunk but the last was written");
        }
    }

    @Test
    void aLargeBlobKeepsItsWholeCheckAcrossABackwardSeek() throws Exception {
        List<ChunkMeta> swapped = new ArrayList<>(LARGE.metas());
        Collections.swap(swapped, 20, 21);
        ChunkedBlobReader r = LARGE.reader(swapped, Collections.synchronizedList(new ArrayList<>()), 2);
        r.read(ByteBuffer.allocate(300_000));
        r.position(1000);
        r.read(ByteBuffer.allocate(50_000));
        assertThrows(CorruptDataException.class, () -> readAll(r));
        ChunkedBlobReader good = LARGE.reader(LARGE.metas(), Collections.synchronizedList(new ArrayList<>()), 2);
        good.read(ByteBuffer.allocate(300_000));
        good.position(0);
        assertArrayEquals(LARGE.blob(), readAll(good));
    }

    @Test
    void closingTheReaderClosesItsFetcherOnce() {
        byte[] good = "good".getBytes();
        ChunkMeta meta = new ChunkMeta(Blake3.hash(good), good.length);
        java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        ChunkedBlobReader r = new ChunkedBlobReader(meta.digest(), List.of(meta), new ChunkedBlobReader.ChunkFetcher() {
            @Override
            public ByteBuffer fetch(int index, ChunkMeta chunk) {
                return ByteBuffer.wrap(good);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        });
        assertEquals(0, closes.get(), "not before the reader is closed");
        r.close();
        r.close();
        assertEquals(1, closes.get());
    }

    /** A fetcher of copies that records the buffers handed back and overwrites them, as a fetcher reusing them would. */
    private static final class Recycling implements ChunkedBlobReader.ChunkFetcher {
        final Chunked chunked;
        // Filled by the read-ahead threads while the reader's thread looks through them.
        final List<ByteBuffer> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<ByteBuffer> released = new java.util.concurrent.CopyOnWriteArrayList<>();

        Recycling(Chunked chunked) {
            this.chunked = chunked;
        }

        @Override
        public ByteBuffer fetch(int index, ChunkMeta chunk) {
            byte[] bytes = chunked.store().get(chunk.digest());
            ByteBuffer copy = ByteBuffer.allocateDirect(bytes.length + 7).put(bytes).flip();
            handedOut.add(copy);
            return copy;
        }

        @Override
        public void release(ByteBuffer fetched) {
            assertTrue(handedOut.stream().anyMatch(b -> b == fetched), "only buffers that fetch returned");
            assertTrue(released.stream().noneMatch(b -> b == fetched), "each once");
            released.add(fetched);
            fetched.clear();
            while (fetched.hasRemaining()) {
                fetched.put((byte) '#');
            }
        }
    }

    @Test
    void everyBufferIsHandedBackOnceTheReaderHasMovedPastIt() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        byte[][] pieces = new byte[40][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[1 + random.nextInt(3000)];
            random.nextBytes(pieces[i]);
        }
        Chunked chunked = Chunked.of(pieces);
        for (int way = 0; way < 3; way++) {
            Recycling fetcher = new Recycling(chunked);
            ChunkedBlobReader r = new ChunkedBlobReader(chunked.digest(), chunked.metas(), fetcher, 3);
            byte[] got;
            if (way == 0) {
                got = readAll(r); // reads of 3 bytes: a buffer is overwritten as soon as it is handed back
            } else if (way == 1) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                r.transferTo(Channels.newChannel(out));
                got = out.toByteArray();
            } else {
                // backwards and forwards: seeks drop what was read ahead, nothing is served from a released buffer
                r.position(chunked.blob().length / 2);
                byte[] tail = readAll(r);
                r.position(0);
                byte[] all = readAll(r);
                assertArrayEquals(Arrays.copyOfRange(chunked.blob(), chunked.blob().length / 2, chunked.blob().length), tail);
                got = all;
            }
            assertArrayEquals(chunked.blob(), got, "way " + way);
            int before = fetcher.released.size();
            r.close();
            assertEquals(before + 1, fetcher.released.size(), "the last piece at close");
            if (way < 2) {
                assertEquals(pieces.length, fetcher.released.size(), "a sequential read hands back every piece");
            }
        }
    }
}
