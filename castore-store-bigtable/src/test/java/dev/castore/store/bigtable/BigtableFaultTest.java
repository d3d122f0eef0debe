package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.testkit.Directories;
import dev.castore.testkit.FaultProxy;
import dev.castore.testkit.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A server that goes away in the middle of a put: the put fails in time, and no half closure is served. */
class BigtableFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Scheduling, client shutdown of the failed calls, and a loaded CI machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    @Test
    void anEmulatorStoppedInTheMiddleOfAPutFailsItWithinTheTimeout() throws Exception {
        try (TestEmulator emulator = TestEmulator.start()) {
            String table = emulator.newTable();
            BigtableDirectoryServiceConfig config = emulator.config(table).withTimeout("2");
            // A chain is written one directory at a time, leaves first: a long put to stop in the middle of.
            List<Directory> chain = Closures.chain(1, 20_000);
            try (BigtableDirectoryService service = BigtableDirectoryService.connect(config)) {
                CompletableFuture<B3Digest> put = CompletableFuture.supplyAsync(() -> putUnchecked(service, chain));
                awaitRow(emulator, table, chain.get(10));
                emulator.stop();
                long stopped = System.nanoTime();
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> put.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS));
                Duration took = Duration.ofNanos(System.nanoTime() - stopped);
                assertTrue(took.compareTo(TIMEOUT.plus(SLACK)) < 0, "the put failed " + took + " after the stop");
                StorageException cause = (StorageException) e.getCause().getCause();
                // UNAVAILABLE when the retries ran out; UNKNOWN ("channel closed") when the stop cut a call.
                assertTrue(cause.getMessage().matches("(?s)put of directory [0-9a-f]{64} in table '" + table
                        + "' of bigtable instance 'instance-1' failed \\(timeout 2000 ms, retries included\\): "
                        + "(UNAVAILABLE|UNKNOWN): .*"), cause.getMessage());
                // Nothing is served from a server that is gone: reads fail too, in time.
                assertThrows(StorageException.class, () -> service.get(chain.getLast().digest()));
            }
        }
    }

    @Test
    void aServerThatIsNotThereIsSaidSo() throws Exception {
        int port = Ports.nothingListening();
        BigtableDirectoryServiceConfig config = BigtableDirectoryServiceConfig.of("project-1", "instance-1", "table-1", "cf1")
                .withEmulatorHost("127.0.0.1:" + port).withTimeout("1");
        try (BigtableDirectoryService service = BigtableDirectoryService.connect(config)) {
            StorageException e = assertThrows(StorageException.class, () -> service.put(Directory.EMPTY));
            assertTrue(e.getMessage().matches("put of directory [0-9a-f]{64} in table 'table-1' of bigtable instance"
                    + " 'instance-1' failed \\(timeout 1000 ms, retries included\\): UNAVAILABLE: cannot connect: .*"
                    + "Connection refused.*; is Bigtable \\(or its emulator\\) reachable at that address\\?"), e.getMessage());
        }
    }

    @Test
    void aConnectionCutInTheMiddleOfAPutLeavesNoDirectoryWithoutItsChildren() throws Exception {
        TestEmulator emulator = TestEmulator.shared();
        String table = emulator.newTable();
        List<Directory> tree = Closures.tree(2, 4, 4);
        B3Digest root = tree.getLast().digest();
        try (FaultProxy proxy = new FaultProxy(emulator.port());
                BigtableDirectoryService viaProxy = BigtableDirectoryService.connect(
                        emulator.configThrough(proxy, table))) {
            CompletableFuture<B3Digest> put = CompletableFuture.supplyAsync(() -> putUnchecked(viaProxy, tree));
            awaitRow(emulator, table, tree.get(4)); // the first directory above the leaves: level 1 is being written
            proxy.kill();
            long cut = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> put.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(Duration.ofNanos(System.nanoTime() - cut).compareTo(TIMEOUT.plus(SLACK)) < 0);
            assertTrue(e.getCause().getCause() instanceof StorageException, e.toString());
        }

        try (BigtableDirectoryService direct = BigtableDirectoryService.connect(emulator.config(table))) {
            assertEquals(Optional.empty(), direct.get(root), "the root of a failed put is not served");
            // Every directory served has its children served: by induction, its whole closure is there.
            int present = 0;
            for (Directory d : tree) {
                if (direct.get(d.digest()).isPresent()) {
                    present++;
                    for (Directory.Entry<DirectoryNode> child : d.directories()) {
                        assertTrue(direct.get(child.node().digest()).isPresent(), d + " is served without its child "
                                + child.name());
                    }
                }
            }
            assertTrue(present > 0 && present < tree.size(), present + " of " + tree.size() + " written");

            // The same put again completes what the first one left, without duplicating anything.
            assertEquals(root, Directories.putAll(direct, tree));
            try (Stream<Directory> closure = direct.getRecursive(root).asStream()) {
                assertEquals(tree.size(), closure.count());
            }
        }
    }

    private static B3Digest putUnchecked(BigtableDirectoryService service, List<Directory> closure) {
        try {
            return Directories.putAll(service, closure);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until {@code d}'s row exists: the put is under way. */
    private static void awaitRow(TestEmulator emulator, String table, Directory d) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (emulator.raw().readRow(table, d.digest().toHex()) == null) {
            assertTrue(System.nanoTime() < deadline, "the put did not start");
            Thread.sleep(5);
        }
    }
}
