package dev.castore.store.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.blob.BlobServiceAccess;
import dev.castore.store.objectstore.directory.DirectoryServiceAccess;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.layout.ZstdFrames;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exact keys and (decompressed) object bytes the spec's worked examples give (castore.md,
 * section d), and reading closures laid out the way the Rust writer lays them out.
 */
class LayoutTest {

    private static final HexFormat HEX = HexFormat.of();
    private final MemoryObjectStore store = new MemoryObjectStore("memory:///");

    private byte[] object(String key) throws IOException {
        try (InputStream in = store.get(key).orElseThrow(() -> new AssertionError("no object " + key))) {
            return in.readAllBytes();
        }
    }

    /** Every key of the store, sorted. */
    private List<String> keys() throws IOException {
        try (var keys = store.list("")) {
            return keys.toList().stream().sorted().toList();
        }
    }

    private byte[] decompressed(String key) throws IOException {
        return ZstdCodec.decompress(store.get(key).orElseThrow(), -1, 1 << 24, key);
    }

    @Test
    void helloWorldIsOneChunkAndAnEmptyIndex() throws Exception {
        try (BlobService blobs = BlobServiceAccess.blobService(store)) {
            Blobs.write(blobs, Fixtures.HELLOWORLD_BLOB);
        }
        String hex = "5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c";
        assertEquals(List.of("blobs/b3/5ca7/" + hex, "chunks/b3/5ca7/" + hex), keys());
        assertArrayEquals(Fixtures.HELLOWORLD_BLOB, decompressed("chunks/b3/5ca7/" + hex));
        assertArrayEquals(new byte[0], object("blobs/b3/5ca7/" + hex));
    }

    @Test
    void emptyBlobIsOnlyAnEmptyIndex() throws Exception {
        try (BlobService blobs = BlobServiceAccess.blobService(store)) {
            Blobs.write(blobs, new byte[0]);
        }
        String hex = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
        assertEquals(List.of("blobs/b3/af13/" + hex), keys());
        assertArrayEquals(new byte[0], object("blobs/b3/af13/" + hex));
    }

    @Test
    void sekienAkashitaIsIndexedByItsFiveChunks() throws Exception {
        byte[] image;
        try (InputStream in = LayoutTest.class.getResourceAsStream("/SekienAkashita.jpg")) {
            assertNotNull(in, "SekienAkashita.jpg of castore-api/src/test/fixtures is a test resource");
            image = in.readAllBytes();
        }
        B3Digest digest;
        try (BlobService blobs = BlobServiceAccess.blobService(store, 16_384)) {
            digest = Blobs.write(blobs, image, 3000);
        }
        // Spec h: the image's digest, and its chunks with castore's rule at avg 16384 (min avg/2, max 2 avg).
        assertEquals("dba425aa7292ef1209841ab3855a93d4dfa6855658a347f85c502f2c2208cf0f", digest.toHex());
        List<String> chunkHex = List.of(
                "261930e84e14c240210ae8c459acc4bb85dd52f1b91c868f2106dbc1ceb3acca",
                "a01747cf21202f0068b8897d2be92aa4479b7ac7207b3baa5057b8ec75fa1c10",
                "01e5305fb8f54d214ed2946843ea360fb9bb3f5df66ef3e34fb024d32ebcaee1",
                "fc28c67b6ef846a841452a215bf704058f65cba5c1d78160398d3c2e046642f9",
                "f6996300fce24d3da56c81ea52e5f4f461ce6adb4496f65252996e1082471aac");
        List<Integer> sizes = List.of(21325, 17140, 28084, 18217, 24700);
        List<ChunkMeta> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(new ChunkMeta(B3Digest.fromHex(chunkHex.get(i)), sizes.get(i)));
        }
        assertArrayEquals(ChunkIndex.encode(expected), object("blobs/b3/dba4/" + digest.toHex()));
        List<String> keys = new java.util.ArrayList<>(chunkHex.stream().map(h -> "chunks/b3/" + h.substring(0, 4) + "/" + h).toList());
        keys.add("blobs/b3/dba4/" + digest.toHex());
        keys.sort(null);
        assertEquals(keys, keys());
        int offset = 0;
        for (int i = 0; i < 5; i++) {
            byte[] chunk = decompressed("chunks/b3/" + chunkHex.get(i).substring(0, 4) + "/" + chunkHex.get(i));
            assertArrayEquals(java.util.Arrays.copyOfRange(image, offset, offset + sizes.get(i)), chunk, "chunk " + i);
            offset += sizes.get(i);
        }
    }

    @Test
    void directoryWithKeepIsOneLengthPrefixedFrame() throws Exception {
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store)) {
            dirs.put(Fixtures.DIRECTORY_WITH_KEEP);
        }
        String key = "dirs/b3/8b5b/8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e";
        assertEquals(List.of(key), keys());
        assertArrayEquals(HEX.parseHex("0000002b"
                + "12290a052e6b6565701220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"), decompressed(key));
    }

    @Test
    void closureIsStoredRootFirstUnderTheRootOnly() throws Exception {
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store);
                DirectoryPutter p = dirs.putter()) {
            p.put(Fixtures.DIRECTORY_A);
            p.put(Fixtures.DIRECTORY_B);
            p.put(Fixtures.DIRECTORY_D);
            p.commit();
        }
        String key = "dirs/b3/76cd/" + Fixtures.DIRECTORY_D.digest().toHex();
        assertEquals(List.of(key), keys());
        assertArrayEquals(frames(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A, Fixtures.DIRECTORY_B), decompressed(key));
    }

    @Test
    void closureInTheRustWritersSiblingOrderIsReadInStoredOrder() throws Exception {
        // petgraph's BFS emits siblings in reverse: D, then b -> B, then a -> A.
        storeClosure(Fixtures.DIRECTORY_D.digest(), frames(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_B, Fixtures.DIRECTORY_A));
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store);
                Stream<Directory> s = dirs.getRecursive(Fixtures.DIRECTORY_D.digest()).asStream()) {
            assertEquals(List.of(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_B, Fixtures.DIRECTORY_A), s.toList());
        }
    }

    @Test
    void interiorDirectoriesAreNotRetrievable() throws Exception {
        storeClosure(Fixtures.DIRECTORY_D.digest(), frames(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A, Fixtures.DIRECTORY_B));
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store)) {
            assertTrue(dirs.get(Fixtures.DIRECTORY_B.digest()).isEmpty());
            assertTrue(dirs.get(Fixtures.DIRECTORY_D.digest()).isPresent());
        }
    }

    @Test
    void unexpectedOrDamagedMemberFailsTheRecursiveGet() throws Exception {
        // B is not referenced by WITH_KEEP: a stream must not carry directories nobody asked for.
        storeClosure(Fixtures.DIRECTORY_WITH_KEEP.digest(), frames(Fixtures.DIRECTORY_WITH_KEEP, Fixtures.DIRECTORY_B));
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store);
                ClosureStream s = dirs.getRecursive(Fixtures.DIRECTORY_WITH_KEEP.digest())) {
            assertEquals(Optional.of(Fixtures.DIRECTORY_WITH_KEEP), s.next());
            CorruptDataException e = assertThrows(CorruptDataException.class, s::next);
            assertTrue(e.getMessage().contains("received unexpected directory"), e.getMessage());
            assertTrue(e.getMessage().contains("dirs/b3/8b5b/"), e.getMessage());
        }
        // A closure that ends before a referenced member arrived.
        storeClosure(Fixtures.DIRECTORY_D.digest(), frames(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A));
        try (DirectoryService dirs = DirectoryServiceAccess.directoryService(store);
                ClosureStream s = dirs.getRecursive(Fixtures.DIRECTORY_D.digest())) {
            assertEquals(Optional.of(Fixtures.DIRECTORY_D), s.next());
            assertEquals(Optional.of(Fixtures.DIRECTORY_A), s.next());
            IOException e = assertThrows(IOException.class, s::next);
            assertTrue(e.getMessage().contains("premature end"), e.getMessage());
        }
    }

    @Test
    void chunksWrittenAsStreamingFramesWithoutContentSizeAreRead() throws Exception {
        // Rust's async zstd encoder writes frames without a content size, possibly several per object.
        byte[] a = Fixtures.randomBytes(31, 70_000);
        byte[] b = Fixtures.randomBytes(32, 50_000);
        B3Digest da = dev.castore.api.digest.Blake3.hash(a);
        B3Digest db = dev.castore.api.digest.Blake3.hash(b);
        store.put("chunks/b3/" + da.toHex().substring(0, 4) + "/" + da.toHex(), streamed(a, 2));
        store.put("chunks/b3/" + db.toHex().substring(0, 4) + "/" + db.toHex(), streamed(b, 1));
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        B3Digest blob = dev.castore.api.digest.Blake3.hash(whole);
        store.put("blobs/b3/" + blob.toHex().substring(0, 4) + "/" + blob.toHex(),
                ChunkIndex.encode(List.of(new ChunkMeta(da, a.length), new ChunkMeta(db, b.length))));
        try (BlobService blobs = BlobServiceAccess.blobService(store)) {
            assertArrayEquals(whole, Blobs.readAll(blobs, blob));
            assertArrayEquals(a, Blobs.readAll(blobs, da));
        }
    }

    /** {@code data} as {@code frames} concatenated zstd frames written by a streaming encoder. */
    private static byte[] streamed(byte[] data, int frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int step = (data.length + frames - 1) / frames;
        for (int off = 0; off < data.length; off += step) {
            try (var z = ZstdCodec.outputStream(out)) {
                z.write(data, off, Math.min(step, data.length - off));
            }
        }
        return out.toByteArray();
    }

    private void storeClosure(B3Digest root, byte[] frames) throws IOException {
        String hex = root.toHex();
        store.put("dirs/b3/" + hex.substring(0, 4) + "/" + hex, ZstdFrames.compress(frames));
    }

    private static byte[] frames(Directory... directories) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Directory d : directories) {
            byte[] e = d.encode();
            out.writeBytes(new byte[] {(byte) (e.length >>> 24), (byte) (e.length >>> 16), (byte) (e.length >>> 8), (byte) e.length});
            out.writeBytes(e);
        }
        return out.toByteArray();
    }
}
