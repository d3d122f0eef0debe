package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkedBlobReaderTest {

    @Test
    void readsSeeksAndFetchesOnlyTheChunksItNeeds() throws Exception {
        byte[][] chunks = {"hello ".getBytes(), "chunked ".getBytes(), "world".getBytes()};
        List<ChunkMeta> metas = new ArrayList<>();
        Map<B3Digest, byte[]> store = new HashMap<>();
        for (byte[] c : chunks) {
            metas.add(new ChunkMeta(Blake3.hash(c), c.length));
            store.put(Blake3.hash(c), c);
        }
        List<B3Digest> fetched = new ArrayList<>();
        ChunkedBlobReader r = new ChunkedBlobReader(metas, m -> {
            fetched.add(m.digest());
            return ByteBuffer.wrap(store.get(m.digest()));
        });
        assertEquals(19, r.size());
        r.position(15);
        ByteBuffer buf = ByteBuffer.allocate(10);
        assertEquals(4, r.read(buf));
        assertArrayEquals("orld".getBytes(), Arrays.copyOf(buf.array(), 4));
        assertEquals(List.of(metas.get(2).digest()), fetched, "a seek fetches only the chunk it lands in");
        assertEquals(-1, r.read(buf));
        r.position(4);
        ByteBuffer mid = ByteBuffer.allocate(6);
        r.read(mid);
        assertArrayEquals("o chun".getBytes(), mid.array());
    }

    @Test
    void aChunkThatDoesNotMatchItsDigestIsNeverServed() {
        byte[] good = "good".getBytes();
        ChunkMeta meta = new ChunkMeta(Blake3.hash(good), good.length);
        ChunkedBlobReader r = new ChunkedBlobReader(List.of(meta), m -> ByteBuffer.wrap("evil".getBytes()));
        assertThrows(CorruptDataException.class, () -> r.read(ByteBuffer.allocate(4)));
        ChunkedBlobReader shorter = new ChunkedBlobReader(List.of(meta), m -> ByteBuffer.wrap("goo".getBytes()));
        assertThrows(CorruptDataException.class, () -> shorter.read(ByteBuffer.allocate(4)));
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
}
