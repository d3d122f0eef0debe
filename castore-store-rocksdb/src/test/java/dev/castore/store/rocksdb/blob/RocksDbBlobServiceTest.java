package dev.castore.store.rocksdb.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
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
