package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.model.Directory;
import dev.castore.cli.copy.TreeCopier;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** copy takes a directory's closure and blobs, at any depth. */
class TreeCopierTest {

    @Test
    void aChainOfAHundredThousandDirectoriesIsCopiedWhole() throws Exception {
        StoredTrees source = new StoredTrees();
        Directory root = source.chain(100_000);
        MemoryBlobService blobs = new MemoryBlobService();
        MemoryDirectoryService directories = new MemoryDirectoryService();

        TreeCopier.Copied copied = new TreeCopier(source.blobs, source.directories, blobs, directories)
                .copyDirectory(root.digest());

        assertEquals(new TreeCopier.Copied(1, 100_000), copied);
        try (Stream<Directory> s = directories.getRecursive(root.digest()).asStream()) {
            assertEquals(100_000, s.count());
        }
        assertEquals(1, blobs.size());
    }
}
