package dev.castore.testkit;

import static dev.castore.testkit.Fixtures.DIRECTORY_A;
import static dev.castore.testkit.Fixtures.DIRECTORY_B;
import static dev.castore.testkit.Fixtures.DIRECTORY_C;
import static dev.castore.testkit.Fixtures.DIRECTORY_COMPLICATED;
import static dev.castore.testkit.Fixtures.DIRECTORY_D;
import static dev.castore.testkit.Fixtures.DIRECTORY_WITH_KEEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DirectoryService} must have. Extend it in a test class of your
 * store, return a fresh, empty store from {@link #newDirectoryService()} and implement
 * {@link #corrupt}. Stores that keep whole closures and serve only their roots (the object
 * store) override {@link #servesOnlyRoots()}.
 */
public abstract class DirectoryServiceContract extends StoreContract<DirectoryService> {

    /** A fresh, empty store. It is closed after each test. */
    protected abstract DirectoryService newDirectoryService() throws Exception;

    /**
     * Damages what the backend holds for {@code digest} (the root of a stored closure), behind the
     * store's back. The store must then fail or report it missing, never return the damaged data.
     */
    protected abstract void corrupt(DirectoryService service, B3Digest digest) throws Exception;

    /**
     * How deep a chain of nested directories {@link #chainOfNestedDirectoriesRoundTrips} puts and
     * reads back: 100,000 levels, far beyond what a thread's stack holds in recursive calls. A
     * store whose every level costs a round trip to a server may lower it, and should then test
     * the code that walks its closures at this depth without the server.
     */
    protected int deepChainLevels() {
        return 100_000;
    }

    /** Whether only digests that were the root of a put can be looked up. */
    protected boolean servesOnlyRoots() {
        return false;
    }

    @Override
    final DirectoryService openFresh() throws Exception {
        return newDirectoryService();
    }

    private B3Digest putClosure(Directory... leavesFirst) throws IOException {
        return Directories.putAll(service, List.of(leavesFirst));
    }

    /** Puts {@code leavesFirst} through a putter, which must refuse it and store nothing of it (its root is the last). */
    private InvalidDirectoryException assertClosureRefused(Directory... leavesFirst) throws IOException {
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, () -> putClosure(leavesFirst));
        Directory root = leavesFirst[leavesFirst.length - 1];
        assertTrue(service.get(root.digest()).isEmpty(), "nothing of a refused closure is stored");
        return e;
    }

    private List<Directory> recursive(B3Digest root) throws IOException {
        List<Directory> out = new ArrayList<>();
        try (ClosureStream s = service.getRecursive(root)) {
            for (Optional<Directory> d = s.next(); d.isPresent(); d = s.next()) {
                out.add(d.get());
            }
        }
        return out;
    }

    @Test
    void leafDirectoryRoundTrips() throws Exception {
        assertEquals(DIRECTORY_WITH_KEEP.digest(), service.put(DIRECTORY_WITH_KEEP));
        assertEquals(Optional.of(DIRECTORY_WITH_KEEP), service.get(DIRECTORY_WITH_KEEP.digest()));
        assertEquals(List.of(DIRECTORY_WITH_KEEP), recursive(DIRECTORY_WITH_KEEP.digest()));
    }

    @Test
    void emptyDirectoryRoundTrips() throws Exception {
        assertEquals(Fixtures.EMPTY_DIGEST, service.put(DIRECTORY_A));
        assertEquals(Optional.of(DIRECTORY_A), service.get(Fixtures.EMPTY_DIGEST));
    }

    @Test
    void missingDirectoryIsAbsentAndItsRecursiveGetEmpty() throws Exception {
        B3Digest missing = Blake3.hash("no such directory".getBytes());
        assertTrue(service.get(missing).isEmpty());
        assertEquals(List.of(), recursive(missing));
    }

    @Test
    void closureRoundTripsRootFirstWithoutDuplicates() throws Exception {
        B3Digest root = putClosure(DIRECTORY_A, DIRECTORY_B, DIRECTORY_D);
        assertEquals(DIRECTORY_D.digest(), root);
        // Breadth-first, children in name order: D, then a -> A and b -> B; B's a -> A is already sent.
        assertEquals(List.of(DIRECTORY_D, DIRECTORY_A, DIRECTORY_B), recursive(root));
        assertEquals(Optional.of(DIRECTORY_D), service.get(root));
        if (!servesOnlyRoots()) {
            assertEquals(Optional.of(DIRECTORY_B), service.get(DIRECTORY_B.digest()));
            assertEquals(List.of(DIRECTORY_B, DIRECTORY_A), recursive(DIRECTORY_B.digest()));
        }
    }

    @Test
    void complicatedClosureRoundTrips() throws Exception {
        B3Digest root = putClosure(DIRECTORY_WITH_KEEP, DIRECTORY_COMPLICATED);
        assertEquals(DIRECTORY_COMPLICATED.digest(), root);
        assertEquals(List.of(DIRECTORY_COMPLICATED, DIRECTORY_WITH_KEEP), recursive(root));
    }

    @Test
    void resendingADirectoryInAClosureIsTolerated() throws Exception {
        B3Digest root = putClosure(DIRECTORY_A, DIRECTORY_A, DIRECTORY_C);
        assertEquals(List.of(DIRECTORY_C, DIRECTORY_A), recursive(root));
    }

    @Test
    void wideAndDeepClosureComesBackInBreadthFirstOrder() throws Exception {
        // 200 distinct leaves under 20 middle directories under one root; every middle directory
        // also shares the leaf "common", which must be sent once.
        Directory common = Directory.builder().symlink("s", "common").build();
        List<Directory> leavesFirst = new ArrayList<>();
        leavesFirst.add(common);
        List<Directory> middles = new ArrayList<>();
        List<List<Directory>> leavesOf = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            Directory.Builder mb = Directory.builder().directory("common", common);
            List<Directory> leaves = new ArrayList<>();
            for (int l = 0; l < 10; l++) {
                Directory leaf = Directory.builder().file("f", Blake3.hash(new byte[] {(byte) m, (byte) l}), 2, l % 2 == 0).build();
                leaves.add(leaf);
                leavesFirst.add(leaf);
                mb.directory(String.format("leaf%02d", l), leaf);
            }
            Directory middle = mb.build();
            middles.add(middle);
            leavesOf.add(leaves);
            leavesFirst.add(middle);
        }
        Directory.Builder rb = Directory.builder();
        for (int m = 0; m < 20; m++) {
            rb.directory(String.format("m%02d", m), middles.get(m));
        }
        Directory root = rb.build();
        leavesFirst.add(root);
        assertEquals(root.digest(), putClosure(leavesFirst.toArray(Directory[]::new)));

        List<Directory> expected = new ArrayList<>();
        expected.add(root);
        expected.addAll(middles);
        // The first middle's children in name order: "common" sorts before "leafNN".
        expected.add(common);
        for (List<Directory> leaves : leavesOf) {
            expected.addAll(leaves);
        }
        assertEquals(expected, recursive(root.digest()));
    }

    @Test
    void chainOfNestedDirectoriesRoundTrips() throws Exception {
        int levels = deepChainLevels();
        List<Directory> leavesFirst = Fixtures.chain(levels);
        Directory root = leavesFirst.getLast();
        assertEquals(root.digest(), Directories.putAll(service, leavesFirst));
        assertEquals(Optional.of(root), service.get(root.digest()));
        List<Directory> got = recursive(root.digest());
        assertEquals(levels, got.size());
        assertEquals(root, got.getFirst());
        assertEquals(leavesFirst.getFirst(), got.getLast());
    }

    @Test
    void putterRejectsAReferenceToAnUnseenDirectory() throws Exception {
        assertClosureRefused(DIRECTORY_B);
    }

    @Test
    void putterRejectsAReferenceWithTheWrongSize() throws Exception {
        Directory wrongSize = Directory.builder()
                .directory("keep", DIRECTORY_WITH_KEEP.digest(), DIRECTORY_WITH_KEEP.size() + 1)
                .build();
        InvalidDirectoryException e = assertClosureRefused(DIRECTORY_WITH_KEEP, wrongSize);
        assertTrue(e.getMessage().contains("wrong size"), e.getMessage());
    }

    @Test
    void putterRejectsDisconnectedRoots() throws Exception {
        InvalidDirectoryException e = assertClosureRefused(DIRECTORY_A, DIRECTORY_WITH_KEEP);
        assertTrue(e.getMessage().contains("disconnected roots"), e.getMessage());
    }

    @Test
    void putterWithNothingInItFailsToCommit() throws Exception {
        try (DirectoryPutter p = service.putter()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, p::commit);
            assertTrue(e.getMessage().contains("got no directories"), e.getMessage());
        }
    }

    @Test
    void putterCommitsOnce() throws Exception {
        try (DirectoryPutter p = service.putter()) {
            p.put(DIRECTORY_WITH_KEEP);
            assertEquals(DIRECTORY_WITH_KEEP.digest(), p.commit());
            assertThrows(InvalidRequestException.class, p::commit);
            assertThrows(InvalidRequestException.class, () -> p.put(DIRECTORY_A));
        }
    }

    @Test
    void putterClosedWithoutCommitLeavesNothing() throws Exception {
        try (DirectoryPutter p = service.putter()) {
            p.put(DIRECTORY_WITH_KEEP);
            p.put(DIRECTORY_COMPLICATED);
        }
        assertTrue(service.get(DIRECTORY_COMPLICATED.digest()).isEmpty());
        assertEquals(List.of(), recursive(DIRECTORY_COMPLICATED.digest()));
    }

    @Test
    void concurrentPuttersOfTheSameClosureAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<B3Digest>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit((Callable<B3Digest>) () -> putClosure(DIRECTORY_A, DIRECTORY_B, DIRECTORY_D)));
            }
            for (Future<B3Digest> f : results) {
                assertEquals(DIRECTORY_D.digest(), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(DIRECTORY_D, DIRECTORY_A, DIRECTORY_B), recursive(DIRECTORY_D.digest()));
    }

    @Test
    void corruptedDirectoryIsNeverServed() throws Exception {
        B3Digest root = putClosure(DIRECTORY_WITH_KEEP, DIRECTORY_COMPLICATED);
        corrupt(service, root);
        try {
            Optional<Directory> got = service.get(root);
            got.ifPresent(d -> fail("a corrupted directory was served: " + d));
        } catch (IOException expected) {
            // detected
        }
        try {
            List<Directory> got = recursive(root);
            if (!got.isEmpty()) {
                fail("a corrupted closure was served: " + got);
            }
        } catch (IOException expected) {
            // detected
        }
    }
}
