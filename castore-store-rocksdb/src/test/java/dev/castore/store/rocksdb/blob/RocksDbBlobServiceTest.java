package dev.castore.store.rocksdb.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ListedBlob;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.rocksdb.db.Family;
import dev.castore.store.rocksdb.db.StoreDatabase;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.castore.store.rocksdb.pack.PackFiles;
import dev.castore.store.rocksdb.pack.PackLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's blob and listing suites on a fresh store directory per test, and deleting. */
class RocksDbBlobServiceTest extends BlobServiceContract implements BlobListingContract {

    @TempDir
    Path tmp;

    @Override
    protected BlobService newBlobService() throws Exception {
        return new RocksDbBlobService(StoreDatabase.acquire(Files.createTempDirectory(tmp, "store")), 262_144);
    }

    /** Replaces the first chunk's bytes with others of the same length, behind the store's back. */
    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws Exception {
        StoreDatabase db = ((RocksDbBlobService) service).database();
        List<ChunkMeta> chunks = service.chunks(digest).orElseThrow();
        B3Digest first = chunks.isEmpty() ? digest : chunks.getFirst().digest();
        Optional<byte[]> location = db.get(Family.LOCATIONS, first);
        if (location.isEmpty()) {
            byte[] data = db.get(Family.CHUNKS, first).orElseThrow();
            data[data.length / 2] ^= 0x01;
            db.put(Family.CHUNKS, first, data, Durability.ON_COMMIT);
            return;
        }
        service.sync();
        PackLocation l = PackLocation.decode(location.get());
        Path pack;
        try (var s = Files.list(db.directory().resolve(PackFiles.DIRECTORY))) {
            pack = s.filter(p -> p.getFileName().toString().startsWith(String.format("%08d.", l.pack()))).findFirst()
                    .orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long at = l.offset() + l.length() / 2;
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            ch.write(one, at);
        }
    }

    @Test
    void aLargeBlobAloneIsStoredOnAThreadOfItsOwnInOrderAndTheNextOneIsToo() throws Exception {
        try (BlobService service = newBlobService()) {
            for (int round = 0; round < 2; round++) {
                byte[] data = Fixtures.randomBytes(21 + round, 6 << 20);
                B3Digest digest;
                try (BlobWriter w = service.openWriter(Durability.ON_COMMIT)) {
                    w.expect(data.length);
                    for (int at = 0; at < data.length; at += 100_000) {
                        w.write(ByteBuffer.wrap(data, at, Math.min(100_000, data.length - at)));
                    }
                    assertTrue(storingThreads() > 0, "round " + round + ": the chunks go to a thread of the writer's");
                    digest = w.commit();
                }
                assertEquals(dev.castore.api.digest.Blake3.hash(data), digest);
                List<ChunkMeta> chunks = service.chunks(digest).orElseThrow();
                assertTrue(chunks.size() > RocksDbBlobWriter.IN_FLIGHT, chunks.size() + " chunks");
                assertEquals(data.length, chunks.stream().mapToLong(ChunkMeta::size).sum());
                assertTrue(java.util.Arrays.equals(data, Blobs.readAll(service, digest)), "the blob reads back in order");
            }
        }
    }

    @Test
    void twoLargeBlobsWrittenSideBySideAreBothWhole() throws Exception {
        try (BlobService service = newBlobService()) {
            byte[] a = Fixtures.randomBytes(23, 5 << 20);
            byte[] b = Fixtures.randomBytes(24, 5 << 20);
            try (BlobWriter wa = service.openWriter(Durability.ON_SYNC);
                    BlobWriter wb = service.openWriter(Durability.ON_SYNC)) {
                wa.expect(a.length);
                wb.expect(b.length); // the second is stored on the caller's thread
                for (int at = 0; at < a.length; at += 1 << 20) {
                    wa.write(ByteBuffer.wrap(a, at, 1 << 20));
                    wb.write(ByteBuffer.wrap(b, at, 1 << 20));
                }
                assertEquals(dev.castore.api.digest.Blake3.hash(a), wa.commit());
                assertEquals(dev.castore.api.digest.Blake3.hash(b), wb.commit());
            }
            assertTrue(java.util.Arrays.equals(a, Blobs.readAll(service, dev.castore.api.digest.Blake3.hash(a))));
            assertTrue(java.util.Arrays.equals(b, Blobs.readAll(service, dev.castore.api.digest.Blake3.hash(b))));
        }
    }

    @Test
    void aChunkThatCannotBeStoredFailsTheBlobWithTheStoresError() throws Exception {
        for (boolean announced : new boolean[] {true, false}) {
            BlobService service = newBlobService();
            byte[] data = Fixtures.randomBytes(22, 8 << 20);
            BlobWriter w = service.openWriter(Durability.ON_SYNC);
            if (announced) {
                w.expect(data.length); // stored on the writer's thread
            }
            w.write(ByteBuffer.wrap(data, 0, 2 << 20));
            service.close(); // the chunks that follow find the store closed
            IOException e = assertThrows(IOException.class, () -> {
                for (int at = 2 << 20; at < data.length; at += 1 << 20) {
                    w.write(ByteBuffer.wrap(data, at, 1 << 20));
                }
                w.commit();
            });
            assertTrue(e.getMessage().contains("the store is closed"), e.getMessage());
            assertThrows(IOException.class, w::commit, "the failure sticks");
            w.close();
        }
    }

    private static long storingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("castore-chunk-store")).count();
    }

    @Test
    void deletingABlobRemovesItsListAndKeepsTheChunksAnotherBlobShares() throws Exception {
        byte[] data = Fixtures.randomBytes(21, 2 * 1024 * 1024);
        B3Digest blob = Blobs.write(service, data);
        List<ChunkMeta> chunks = service.chunks(blob).orElseThrow();
        assertTrue(chunks.size() >= 2, "a blob of several chunks: " + chunks.size());
        B3Digest small = Blobs.write(service, Fixtures.HELLOWORLD_BLOB);

        service.deletion().orElseThrow().delete(blob);
        service.deletion().orElseThrow().delete(small);
        service.deletion().orElseThrow().delete(small); // deleting what is not stored is not an error

        assertFalse(service.has(blob));
        assertTrue(service.open(blob).isEmpty());
        assertFalse(service.has(small));
        assertTrue(service.has(chunks.getFirst().digest()), "the chunks a list names are kept");
    }

    /** A listing reads one snapshot: a blob of several chunks written meanwhile shows neither itself nor its chunks. */
    @Test
    void aListingSeesTheStoreAsItWasWhenItStarted() throws Exception {
        B3Digest before = Blobs.write(service, Fixtures.HELLOWORLD_BLOB);
        try (var blobs = service.listing().orElseThrow().list()) {
            Blobs.write(service, Fixtures.randomBytes(23, 2 * 1024 * 1024));
            assertEquals(List.of(new ListedBlob(before, 12)), blobs.toList());
        }
    }
}
