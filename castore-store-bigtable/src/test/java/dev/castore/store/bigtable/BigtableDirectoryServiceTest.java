package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigtable.data.v2.models.RowMutation;
import com.google.protobuf.ByteString;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.testkit.DirectoryServiceContract;
import dev.castore.testkit.Fixtures;
import dev.castore.testkit.LiveThreads;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The testkit's directory suite against a store on a fresh table of a real Bigtable emulator. */
class BigtableDirectoryServiceTest extends DirectoryServiceContract {

    @Override
    protected DirectoryService newDirectoryService() throws Exception {
        return TestEmulator.shared().newService();
    }

    /**
     * A closure is written a level at a time and read a level at a time, each level one round trip
     * to the emulator (about a millisecond): 100,000 levels would take minutes. The level split is
     * tested at full depth without the emulator ({@link ClosureLevelsTest}), the breadth-first
     * read by the memory store's run of this suite.
     */
    @Override
    protected int deepChainLevels() {
        return 1_000;
    }

    /** Writes a newer cell with another directory's bytes under the root's key. */
    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) throws Exception {
        BigtableDirectoryServiceConfig config = ((BigtableDirectoryService) service).config();
        byte[] other = Directory.builder().symlink("x", "elsewhere").build().encode();
        TestEmulator.shared().raw().mutateRow(RowMutation.create(config.tableName(), digest.toHex())
                .setCell(config.familyName(), ByteString.copyFromUtf8(digest.toHex()), ByteString.copyFrom(other)));
    }

    /**
     * The store's channels run on an event loop of its own, which closing the store ends: an idle
     * loop waits in native code, and a JVM that exits while one does waits 0.3 s for it.
     */
    @Test
    void aClosedStoreLeavesNoEventLoopRunning() throws Exception {
        Set<Thread> before = LiveThreads.named(ClientEventLoop.THREAD_PREFIX);
        Set<Thread> loops;
        try (BigtableDirectoryService store = TestEmulator.shared().newService()) {
            assertEquals(Fixtures.DIRECTORY_WITH_KEEP.digest(), store.put(Fixtures.DIRECTORY_WITH_KEEP));
            loops = LiveThreads.named(ClientEventLoop.THREAD_PREFIX);
            loops.removeAll(before);
            assertFalse(loops.isEmpty(), "the store's calls went through its own event loop");
            assertTrue(loops.stream().allMatch(Thread::isDaemon), "the loop's threads are daemons");
        }
        LiveThreads.assertEnd(loops, "the store was closed");
    }
}
