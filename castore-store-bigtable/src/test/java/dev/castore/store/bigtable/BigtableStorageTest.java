package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigtable.data.v2.models.Mutation;
import com.google.cloud.bigtable.data.v2.models.Row;
import com.google.cloud.bigtable.data.v2.models.RowCell;
import com.google.cloud.bigtable.data.v2.models.RowMutation;
import com.google.protobuf.ByteString;
import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.testkit.Directories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What this store keeps in Bigtable, and what it does with rows it did not write. */
class BigtableStorageTest {

    private TestEmulator emulator;
    private String table;
    private BigtableDirectoryService service;

    @BeforeEach
    void open() throws Exception {
        emulator = TestEmulator.shared();
        table = emulator.newTable();
        service = BigtableDirectoryService.connect(emulator.config(table));
    }

    @AfterEach
    void close() throws Exception {
        service.close();
    }

    private void writeRaw(String key, String qualifier, byte[] value) {
        emulator.raw().mutateRow(RowMutation.create(table, key)
                .setCell(TestEmulator.FAMILY, ByteString.copyFromUtf8(qualifier), ByteString.copyFrom(value)));
    }

    @Test
    void aDirectoryIsOneCellKeyedByItsHexDigestLikeTvixWritesIt() throws Exception {
        Directory d = Closures.leaf(1, 7);
        service.put(d);
        String hex = d.digest().toHex();
        Row row = emulator.raw().readRow(table, hex);
        assertEquals(hex, row.getKey().toStringUtf8());
        assertEquals(1, row.getCells().size());
        RowCell cell = row.getCells().getFirst();
        assertEquals(TestEmulator.FAMILY, cell.getFamily());
        assertEquals(hex, cell.getQualifier().toStringUtf8());
        assertArrayEquals(d.encode(), cell.getValue().toByteArray());
    }

    @Test
    void aRowWrittenWithAServerTimestampAsTvixDoesIsRead() throws Exception {
        Directory d = Closures.leaf(2, 3);
        String hex = d.digest().toHex();
        // tvix/snix set timestamp_micros = -1: the server picks the time.
        emulator.raw().mutateRow(RowMutation.create(table, hex, Mutation.createUnsafe()
                .setCell(TestEmulator.FAMILY, ByteString.copyFromUtf8(hex), -1, ByteString.copyFrom(d.encode()))));
        assertEquals(Optional.of(d), service.get(d.digest()));
    }

    @Test
    void aCellThatDoesNotHashToItsRowKeyIsAnInvalidDigestNeverData() throws Exception {
        Directory stored = Closures.leaf(3, 1);
        Directory other = Closures.leaf(3, 2);
        writeRaw(stored.digest().toHex(), stored.digest().toHex(), other.encode());
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> service.get(stored.digest()));
        assertTrue(e.getMessage().startsWith("invalid digest: row " + stored.digest().toHex() + " of table '" + table
                + "' holds " + other.encodedLength() + " bytes whose BLAKE3 digest is " + other.digest().toHex()),
                e.getMessage());
        try (ClosureStream s = service.getRecursive(stored.digest())) {
            assertThrows(CorruptDataException.class, s::next);
        }
    }

    @Test
    void aChildWhoseCellWasReplacedFailsTheRecursiveGet() throws Exception {
        List<Directory> closure = Closures.tree(4, 2, 2);
        B3Digest root = Directories.putAll(service, closure);
        Directory child = closure.getFirst();
        writeRaw(child.digest().toHex(), child.digest().toHex(), Closures.leaf(99, 99).encode());
        try (ClosureStream s = service.getRecursive(root)) {
            assertThrows(CorruptDataException.class, () -> {
                while (s.next().isPresent()) {
                    // read to the damaged child
                }
            });
        }
    }

    @Test
    void bytesThatHashToTheirKeyButAreNoDirectoryAreCorrupt() {
        byte[] garbage = {(byte) 0xff, 0x01, 0x02};
        B3Digest digest = Blake3.hash(garbage);
        writeRaw(digest.toHex(), digest.toHex(), garbage);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> service.get(digest));
        assertTrue(e.getMessage().contains("holds an invalid directory"), e.getMessage());
    }

    @Test
    void otherCellsInTheRowAreIgnored() throws Exception {
        Directory d = Closures.leaf(5, 1);
        service.put(d);
        writeRaw(d.digest().toHex(), "something-else", new byte[] {1, 2, 3});
        assertEquals(Optional.of(d), service.get(d.digest()));
    }

    @Test
    void aDirectoryOverTheCellLimitIsRefusedAndNothingOfItsClosureIsWritten() throws Exception {
        Directory.Builder b = Directory.builder();
        for (int i = 0; i < 200_000; i++) {
            b.file(String.format("file-with-a-long-name-%07d", i), Blake3.hash(new byte[] {(byte) i}), i, false);
        }
        Directory huge = b.build();
        assertTrue(huge.encodedLength() > BigtableDirectoryService.CELL_LIMIT);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> service.put(huge));
        assertTrue(e.getMessage().startsWith("Directory exceeds cell limit on Bigtable: directory "
                + huge.digest().toHex() + " encodes to " + huge.encodedLength() + " bytes"), e.getMessage());

        Directory small = Closures.leaf(6, 1);
        Directory parent = Directory.builder().directory("huge", huge).directory("small", small).build();
        assertThrows(InvalidRequestException.class, () -> Directories.putAll(service, List.of(huge, small, parent)));
        assertEquals(Optional.empty(), service.get(small.digest()), "no directory of a refused closure is written");
    }

    @Test
    void aReadOnlyStoreRefusesWritesNamingTheInstanceAndStillReads() throws Exception {
        Directory d = Closures.leaf(7, 1);
        service.put(d);
        try (BigtableDirectoryService readOnly =
                BigtableDirectoryService.connect(emulator.config(table).withReadOnly(true))) {
            Directory other = Closures.leaf(7, 2);
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> readOnly.put(other));
            assertEquals("bigtable directory service on instance 'instance-1' (table '" + table + "') is read-only "
                    + "(is_read_only = true): refusing to put directory " + other.digest().toHex(), e.getMessage());
            assertThrows(InvalidRequestException.class, readOnly::putter);
            assertEquals(Optional.of(d), readOnly.get(d.digest()));
            assertEquals(Optional.empty(), service.get(other.digest()));
        }
    }

    @Test
    void aMissingTableIsReportedByNameOnGetAndPut() throws Exception {
        try (BigtableDirectoryService missing = BigtableDirectoryService.connect(emulator.config("no-such-table"))) {
            Directory d = Closures.leaf(9, 1);
            StorageException get = assertThrows(StorageException.class, () -> missing.get(d.digest()));
            assertTrue(get.getMessage().startsWith("get of directory " + d.digest().toHex()
                    + " in table 'no-such-table' of bigtable instance 'instance-1' failed"), get.getMessage());
            assertTrue(get.getMessage().contains("NOT_FOUND"), get.getMessage());
            StorageException put = assertThrows(StorageException.class, () -> missing.put(d));
            assertTrue(put.getMessage().contains("NOT_FOUND"), put.getMessage());
        }
    }

    @Test
    void concurrentWritersOfOneDirectoryLeaveOneCell() throws Exception {
        List<Directory> closure = Closures.tree(8, 3, 2);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<BigtableDirectoryService> writers = new ArrayList<>();
        try {
            List<Future<B3Digest>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                BigtableDirectoryService w = BigtableDirectoryService.connect(emulator.config(table));
                writers.add(w);
                results.add(pool.submit((Callable<B3Digest>) () -> Directories.putAll(w, closure)));
            }
            for (Future<B3Digest> f : results) {
                assertEquals(closure.getLast().digest(), f.get());
            }
        } finally {
            pool.shutdownNow();
            for (BigtableDirectoryService w : writers) {
                w.close();
            }
        }
        for (Directory d : closure) {
            // Read without the store's newest-cell filter: every version the writers left.
            assertEquals(1, emulator.raw().readRow(table, d.digest().toHex()).getCells().size());
        }
        try (Stream<Directory> s = service.getRecursive(closure.getLast().digest()).asStream()) {
            assertEquals(closure.size(), s.count());
        }
    }
}
