package dev.castore.store.rocksdb.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Access;
import dev.castore.store.rocksdb.blob.RocksDbBlobService;
import dev.castore.store.rocksdb.pack.PackFiles;
import dev.castore.store.rocksdb.pack.PackLocation;
import dev.castore.testkit.Blobs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** Chunks in pack files: where they go, how they come back, and what a crash or damage leaves. */
class PackFilesTest {

    @TempDir
    Path dir;

    private static byte[] random(int seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] text(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < length; i++) {
            s.append("entry ").append(i % 50).append(": some text as in a file of a tree\n");
        }
        return s.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private Path packs() {
        return dir.resolve(PackFiles.DIRECTORY);
    }

    private B3Digest put(StoreDatabase db, byte[] chunk) throws Exception {
        B3Digest d = Blake3.hash(chunk);
        db.putChunk(d, chunk, 0, chunk.length, null);
        return d;
    }

    private static PackLocation location(StoreDatabase db, B3Digest d) throws Exception {
        return PackLocation.decode(db.get(Family.LOCATIONS, d).orElseThrow());
    }

    @Test
    void largeChunksGoToAPackCompressedWhenThatPaysSmallOnesStayInTheDatabase() throws Exception {
        byte[] compressible = text(100_000);
        byte[] incompressible = random(1, 100_000);
        byte[] small = random(2, StoreDatabase.INLINE_LIMIT - 1);
        StoreDatabase db = StoreDatabase.acquire(dir);
        B3Digest c = put(db, compressible);
        B3Digest i = put(db, incompressible);
        B3Digest s = put(db, small);
        db.sync();
        db.release();

        assertTrue(Files.isRegularFile(packs().resolve("00000001.pack")), "the pack is sealed at close");
        StoreDatabase reopened = StoreDatabase.acquire(dir, Access.READ_ONLY);
        try {
            assertEquals(PackLocation.LZ4, location(reopened, c).codec());
            assertTrue(location(reopened, c).length() < compressible.length / 4);
            assertEquals(PackLocation.RAW, location(reopened, i).codec());
            assertTrue(reopened.get(Family.LOCATIONS, s).isEmpty(), "a small chunk stays in the database");
            assertArrayEquals(small, reopened.get(Family.CHUNKS, s).orElseThrow());
            assertArrayEquals(compressible, reopened.chunk(c).orElseThrow());
            assertArrayEquals(incompressible, reopened.chunk(i).orElseThrow());
            assertArrayEquals(small, reopened.chunk(s).orElseThrow());
        } finally {
            reopened.release();
        }
    }

    @Test
    void aChunkIsCompressedOnlyWhenThatSavesAThirtySecondOfIt() throws Exception {
        // Random bytes, then zeros: LZ4 saves about the zeros' length, less the random part's few
        // hundred bytes of overhead. 2000 zeros save less than 100_000 / 32, 6000 save more.
        byte[] little = random(4, 100_000);
        Arrays.fill(little, 98_000, 100_000, (byte) 0);
        byte[] enough = random(5, 100_000);
        Arrays.fill(enough, 94_000, 100_000, (byte) 0);
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            B3Digest l = put(db, little);
            B3Digest e = put(db, enough);
            assertEquals(PackLocation.RAW, location(db, l).codec());
            assertEquals(little.length, location(db, l).length());
            assertEquals(PackLocation.LZ4, location(db, e).codec());
            assertTrue(location(db, e).length() <= enough.length - enough.length / 32, "saves a 32nd");
            assertArrayEquals(little, db.chunk(l).orElseThrow());
            assertArrayEquals(enough, db.chunk(e).orElseThrow());
        } finally {
            db.release();
        }
    }

    @Test
    void chunksReadBackWhileBufferedAndOnceWritten() throws Exception {
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            List<byte[]> chunks = new ArrayList<>();
            List<B3Digest> digests = new ArrayList<>();
            // Small ones that fill the write buffer several times, and large ones written directly.
            for (int i = 0; i < 400; i++) {
                byte[] c = i % 50 == 7 ? random(100 + i, 700_000) : random(100 + i, 600 + 37 * i);
                chunks.add(c);
                digests.add(put(db, c));
                assertArrayEquals(c, db.chunk(digests.getLast()).orElseThrow(), "just appended: " + i);
                int earlier = new SplittableRandom(i).nextInt(i + 1);
                assertArrayEquals(chunks.get(earlier), db.chunk(digests.get(earlier)).orElseThrow(), "chunk " + earlier);
            }
            db.sync();
            long written = Files.size(packs().resolve("00000001.pack.open"));
            long last = location(db, digests.getLast()).end();
            assertEquals(last, written, "a sync writes every buffered append");
            for (int i = 0; i < chunks.size(); i++) {
                assertArrayEquals(chunks.get(i), db.chunk(digests.get(i)).orElseThrow());
            }
        } finally {
            db.release();
        }
    }

    @Test
    void chunksStoredAsTheyAreAreReadIntoTheScratchBufferWhenTheyFit() throws Exception {
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            byte[] raw = random(7, 300_000);
            byte[] compressible = text(300_000);
            byte[] small = random(8, StoreDatabase.INLINE_LIMIT - 1);
            B3Digest r = put(db, raw);
            B3Digest c = put(db, compressible);
            B3Digest s = put(db, small);
            for (boolean written : new boolean[] {false, true}) {
                if (written) {
                    db.sync(); // out of the append buffer, into the pack file
                }
                ByteBuffer scratch = ByteBuffer.allocateDirect(300_000).position(1234);
                ByteBuffer got = db.chunk(r, scratch).orElseThrow();
                assertTrue(got == scratch, "the scratch buffer itself, written " + written);
                assertEquals(ByteBuffer.wrap(raw), got);
                ByteBuffer tooSmall = ByteBuffer.allocateDirect(299_999);
                ByteBuffer larger = db.chunk(r, tooSmall).orElseThrow();
                assertTrue(larger != tooSmall && larger.hasArray(), "a new array when it does not fit");
                assertEquals(ByteBuffer.wrap(raw), larger);
                ByteBuffer decompressed = db.chunk(c, scratch).orElseThrow();
                assertTrue(decompressed != scratch, "an LZ4 chunk is decompressed into an array");
                assertEquals(ByteBuffer.wrap(compressible), decompressed);
                assertEquals(ByteBuffer.wrap(small), db.chunk(s, scratch).orElseThrow());
                assertTrue(db.chunk(Blake3.hash(new byte[] {1}), scratch).isEmpty());
            }
        } finally {
            db.release();
        }
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            ch.write(one, offset);
        }
    }

    @Test
    void aFlippedByteInAPackIsDetectedOnReadNeverServed() throws Exception {
        for (byte[] chunk : List.of(text(200_000), random(3, 200_000))) {
            Path store = Files.createTempDirectory(dir, "store");
            RocksDbBlobService service = new RocksDbBlobService(StoreDatabase.acquire(store), 262_144);
            B3Digest blob = Blobs.write(service, chunk);
            service.sync();
            PackLocation l = PackLocation.decode(service.databaseForTests().get(Family.LOCATIONS, blob).orElseThrow());
            service.close();
            flipByte(store.resolve(PackFiles.DIRECTORY).resolve("00000001.pack"), l.offset() + l.length() / 2);

            RocksDbBlobService reopened = new RocksDbBlobService(StoreDatabase.acquire(store), 262_144);
            try {
                CorruptDataException e = assertThrows(CorruptDataException.class, () -> Blobs.readAll(reopened, blob));
                assertTrue(e.getMessage().contains(blob.toHex()), e.getMessage());
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void aPackAKilledWriterLeftIsCutAfterItsLastIndexedChunkOrRemoved() throws Exception {
        byte[] first = random(4, 70_000);
        StoreDatabase db = StoreDatabase.acquire(dir);
        B3Digest d = put(db, first);
        db.sync();
        db.release();
        Path sealed = packs().resolve("00000001.pack");
        long size = Files.size(sealed);
        // As a killed writer leaves them: still open, with a torn tail; one nothing points into.
        Path open = packs().resolve("00000001.pack.open");
        Files.move(sealed, open);
        Files.write(open, random(5, 3000), StandardOpenOption.APPEND);
        Path unreferenced = packs().resolve("00000002.pack.open");
        Files.write(unreferenced, random(6, 5000));

        StoreDatabase reopened = StoreDatabase.acquire(dir);
        try {
            assertFalse(Files.exists(open));
            assertFalse(Files.exists(unreferenced), "a pack the index does not point into is removed");
            assertEquals(size, Files.size(sealed), "cut after the last chunk the index points to");
            assertArrayEquals(first, reopened.chunk(d).orElseThrow());
            byte[] second = random(7, 80_000);
            B3Digest e = put(reopened, second);
            assertEquals(3, location(reopened, e).pack(), "a new pack, past every id seen");
            reopened.sync();
            assertArrayEquals(second, reopened.chunk(e).orElseThrow());
        } finally {
            reopened.release();
        }
        StoreDatabase again = StoreDatabase.acquire(dir, Access.READ_ONLY);
        try {
            assertArrayEquals(first, again.chunk(d).orElseThrow());
            assertEquals(80_000, again.chunk(Blake3.hash(random(7, 80_000))).orElseThrow().length);
        } finally {
            again.release();
        }
    }

    @Test
    void theStoreFlushesByItselfOnlyAfterSyncingThePacks() throws Exception {
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            long syncs = db.packs().syncCount();
            // Unlogged writes well past the flush point, without a sync: the store's own flush
            // syncs the packs, then switches the memtables, which RocksDB writes out.
            int n = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (db.tableFiles(Family.LOCATIONS).isEmpty() && System.nanoTime() < deadline) {
                byte[] chunk = random(1000 + n++, 600);
                put(db, chunk);
                if (n % 1000 == 0) {
                    Thread.sleep(1);
                }
            }
            assertFalse(db.tableFiles(Family.LOCATIONS).isEmpty(), "no flush after " + n + " chunks");
            assertTrue(db.packs().syncCount() > syncs, "the packs were synced before the flush");
            assertTrue(n > StoreDatabase.FLUSH_AT / 1000, "no flush before the flush point: " + n);
        } finally {
            db.release();
        }
    }

    @Test
    void aDurableCommitSyncsThePacksAndWritesTheChunksWithTheBlob() throws Exception {
        RocksDbBlobService service = new RocksDbBlobService(StoreDatabase.acquire(dir), 65_536);
        StoreDatabase db = service.databaseForTests();
        byte[] data = random(8, 1_000_000);
        long syncs = db.packs().syncCount();
        B3Digest blob;
        try (BlobWriter w = service.openWriter(Durability.ON_COMMIT)) {
            w.write(ByteBuffer.wrap(data));
            blob = w.commit();
        }
        assertTrue(db.packs().syncCount() > syncs);
        var chunks = service.chunks(blob).orElseThrow();
        assertTrue(chunks.size() > 2, chunks.toString());
        for (var c : chunks) {
            assertTrue(db.get(Family.LOCATIONS, c.digest()).isPresent());
        }
        service.close();
        RocksDbBlobService reopened = new RocksDbBlobService(StoreDatabase.acquire(dir), 65_536);
        try {
            assertArrayEquals(data, Blobs.readAll(reopened, blob));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aStoreOfTheFirstFormatOpensAndItsChunksRead() throws Exception {
        byte[] chunk = random(9, 200_000);
        B3Digest d = Blake3.hash(chunk);
        // The layout written before pack files: every chunk in the chunks family, format 1.
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String f : List.of("chunks", "blobs", "directories", "sizes")) {
            families.add(new ColumnFamilyDescriptor(f.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions o = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB old = RocksDB.open(o, dir.toString(), families, handles)) {
            old.put("castore.format".getBytes(StandardCharsets.US_ASCII),
                    "castore-rocksdb 1".getBytes(StandardCharsets.US_ASCII));
            old.put(handles.get(1), d.toBytes(), chunk);
            old.put(handles.get(4), d.toBytes(), new byte[] {(byte) 0xc0, (byte) 0x9a, 0x0c});
            handles.forEach(ColumnFamilyHandle::close);
        }
        for (Access access : List.of(Access.READ_ONLY, Access.READ_WRITE, Access.READ_ONLY)) {
            StoreDatabase db = StoreDatabase.acquire(dir, access);
            try {
                assertArrayEquals(chunk, db.chunk(d).orElseThrow(), access.name());
                assertTrue(db.contains(Family.SIZES, d));
            } finally {
                db.release();
            }
        }
    }

    /** A device whose next {@code n} syncs fail, as a disk does on an I/O error; the ones after succeed. */
    private static PackFiles.Device failingSyncs(int n) {
        AtomicInteger left = new AtomicInteger(n);
        return new PackFiles.Device() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (left.getAndDecrement() > 0) {
                    throw new IOException("Input/output error");
                }
                channel.force(false);
            }
        };
    }

    /** A device whose writes fail while {@code full} is set, half written, as a full disk's do. */
    private static PackFiles.Device fillingUp(AtomicBoolean full) {
        return new PackFiles.Device() {
            @Override
            public int write(FileChannel channel, ByteBuffer src, long position) throws IOException {
                if (full.get()) {
                    if (src.remaining() > 1) {
                        int n = channel.write(src.slice(src.position(), src.remaining() / 2), position);
                        src.position(src.position() + n);
                        return n;
                    }
                    throw new IOException("No space left on device");
                }
                return channel.write(src, position);
            }
        };
    }

    @Test
    void aFullDiskFailsTheWritesWhileItLastsAndLosesNothingWrittenBefore() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        List<B3Digest> digests = new ArrayList<>();
        AtomicBoolean full = new AtomicBoolean();
        StoreDatabase db = StoreDatabase.acquire(dir);
        try {
            db.packs().useDeviceForTests(fillingUp(full));
            for (int i = 0; i < 3; i++) { // buffered, not yet written
                chunks.add(random(20 + i, 5_000));
                digests.add(put(db, chunks.get(i)));
            }
            full.set(true);
            assertThrows(StorageException.class, db::sync);
            assertThrows(StorageException.class, () -> put(db, random(30, 600_000)));
            db.checkWritable(); // a full disk is not final: the store stays ready
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(chunks.get(i), db.chunk(digests.get(i)).orElseThrow(), "still buffered");
            }
            full.set(false); // space freed: the same store goes on
            for (int i = 3; i < 5; i++) {
                chunks.add(random(20 + i, i == 3 ? 600_000 : 5_000));
                digests.add(put(db, chunks.get(i)));
            }
            db.sync();
        } finally {
            db.release();
        }
        StoreDatabase reopened = StoreDatabase.acquire(dir, Access.READ_ONLY);
        try {
            for (int i = 0; i < chunks.size(); i++) {
                assertArrayEquals(chunks.get(i), reopened.chunk(digests.get(i)).orElseThrow(), "chunk " + i);
            }
        } finally {
            reopened.release();
        }
    }

    @Test
    void afterAFailedSyncNoLaterSyncIsTrustedAndWhatItHeldIsNotMadeDurable() throws Exception {
        byte[] first = random(10, 70_000);
        byte[] second = random(11, 70_000);
        StoreDatabase db = StoreDatabase.acquire(dir);
        B3Digest a = put(db, first);
        db.sync();
        long durableEnd = location(db, a).end();
        B3Digest b = put(db, second);
        db.checkWritable();
        // Linux reports a failed writeback once and may report the next fsync successful, the
        // bytes it could not write dropped: the device here fails one sync, then succeeds.
        db.packs().useDeviceForTests(failingSyncs(1));
        StorageException failed = assertThrows(StorageException.class, db::sync);
        assertTrue(failed.getMessage().contains("Input/output error"), failed.getMessage());
        StorageException again = assertThrows(StorageException.class, db::sync, "a later sync is not trusted");
        assertTrue(again.getMessage().contains("refuses writes until it is opened again"), again.getMessage());
        assertThrows(StorageException.class, () -> put(db, random(12, 70_000)));
        StorageException refusing = assertThrows(StorageException.class, db::checkWritable, "what readiness asks");
        assertEquals(again.getMessage(), refusing.getMessage());
        db.release();
        assertTrue(Files.exists(packs().resolve("00000001.pack.open")), "left for the next writer to cut");

        StoreDatabase reopened = StoreDatabase.acquire(dir);
        try {
            assertTrue(reopened.get(Family.LOCATIONS, b).isEmpty(), "no index entry points into unsynced bytes");
            assertArrayEquals(first, reopened.chunk(a).orElseThrow());
            assertEquals(durableEnd, Files.size(packs().resolve("00000001.pack")), "cut after the synced chunk");
            reopened.checkWritable();
            B3Digest b2 = put(reopened, second);
            reopened.sync();
            assertArrayEquals(second, reopened.chunk(b2).orElseThrow(), "written again, the store goes on");
        } finally {
            reopened.release();
        }
    }

    @Test
    void writesNotSyncedAreMadeDurableWhenTheStoreCloses() throws Exception {
        byte[] large = random(14, 70_000);
        byte[] small = random(15, 100);
        StoreDatabase db = StoreDatabase.acquire(dir);
        B3Digest l = put(db, large);
        B3Digest s = put(db, small);
        db.release();
        StoreDatabase reopened = StoreDatabase.acquire(dir, Access.READ_ONLY);
        try {
            assertArrayEquals(large, reopened.chunk(l).orElseThrow());
            assertArrayEquals(small, reopened.chunk(s).orElseThrow());
            assertFalse(reopened.tableFiles(Family.LOCATIONS).isEmpty(), "flushed, not only in the log");
        } finally {
            reopened.release();
        }
    }

    @Test
    void aSyncThatFailsWhenTheStoreClosesLeavesNoIndexEntryToItsBytes() throws Exception {
        byte[] chunk = random(13, 70_000);
        StoreDatabase db = StoreDatabase.acquire(dir);
        B3Digest d = put(db, chunk);
        db.packs().useDeviceForTests(failingSyncs(Integer.MAX_VALUE));
        db.release(); // its sync fails: RocksDB must not flush the unlogged entry on closing

        StoreDatabase reopened = StoreDatabase.acquire(dir);
        try {
            assertTrue(reopened.get(Family.LOCATIONS, d).isEmpty());
            assertFalse(Files.exists(packs().resolve("00000001.pack.open")), "removed: nothing points into it");
            assertFalse(Files.exists(packs().resolve("00000001.pack")));
        } finally {
            reopened.release();
        }
    }
}
