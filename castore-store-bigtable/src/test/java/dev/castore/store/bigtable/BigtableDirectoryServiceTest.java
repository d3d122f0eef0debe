package dev.castore.store.bigtable;

import com.google.cloud.bigtable.data.v2.models.RowMutation;
import com.google.protobuf.ByteString;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.testkit.DirectoryServiceContract;

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
}
