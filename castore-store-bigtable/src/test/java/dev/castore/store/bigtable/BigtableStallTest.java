package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.model.Directory;
import dev.castore.testkit.Directories;
import dev.castore.testkit.FaultProxy;
import dev.castore.testkit.FaultProxy.Direction;
import dev.castore.testkit.FaultProxy.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An emulator that stalls (connections open, nothing answered) or dies in the middle of a
 * recursive read or a put: the call fails with a StorageException within the timeout (2 s
 * here, retries included), and once the emulator answers again the same call succeeds.
 */
class BigtableStallTest {

    /** timeout is 2 s; the rest is room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final List<Directory> tree = Closures.tree(2, 4, 4);
    private final B3Digest root = tree.getLast().digest();
    private TestEmulator emulator;
    private String table;

    @BeforeEach
    void freshTable() throws Exception {
        emulator = TestEmulator.shared();
        table = emulator.newTable();
    }

    private static long count(BigtableDirectoryService service, B3Digest root) throws IOException {
        long n = 0;
        try (ClosureStream s = service.getRecursive(root)) {
            while (s.next().isPresent()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aStallInTheMiddleOfARecursiveReadFailsItWithinTheTimeout() throws Exception {
        try (BigtableDirectoryService direct = BigtableDirectoryService.connect(emulator.config(table))) {
            Directories.putAll(direct, tree);
        }
        try (FaultProxy proxy = new FaultProxy(emulator.port());
                BigtableDirectoryService service = BigtableDirectoryService.connect(
                        emulator.configThrough(proxy, table))) {
            assertTrue(service.get(root).isPresent());
            proxy.at(Direction.DOWNSTREAM, 2_000, Fault.STALL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class, () -> count(service, root)));

            assertTrue(e instanceof StorageException, e.toString());
            assertTrue(e.getMessage().contains("table '" + table + "'"), e.getMessage());
            proxy.resume();
            assertEquals(tree.size(), count(service, root));
        }
    }

    @Test
    void aStallInTheMiddleOfAPutFailsItWithinTheTimeoutAndThePutCompletesLater() throws Exception {
        try (FaultProxy proxy = new FaultProxy(emulator.port());
                BigtableDirectoryService service = BigtableDirectoryService.connect(
                        emulator.configThrough(proxy, table))) {
            proxy.at(Direction.UPSTREAM, 20_000, Fault.STALL);

            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class,
                    () -> Directories.putAll(service, tree)));

            assertTrue(e instanceof StorageException, e.toString());
            proxy.cut();
            assertEquals(root, Directories.putAll(service, tree));
            assertEquals(tree.size(), count(service, root));
        }
    }
}
