package dev.castore.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.model.Directory;
import dev.castore.cli.StoredTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of trees deeper than any path or stack, and on file systems without renameat2's flags. */
class ExportDepthAndFallbackTest {

    private static final byte[] D = {'d'};

    private final StoredTrees trees = new StoredTrees();

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A directory on a memory file system where there is one: creating and removing 100,000
     * directories on a disk that discards freed blocks takes a minute, and it is the depth that is
     * tested here, not the disk.
     */
    private static Path scratch(Path tmp) throws Exception {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "castore-test") : tmp;
    }

    @Test
    void aChainOfAHundredThousandDirectoriesIsExportedAndRemoved(@TempDir Path junitTmp) throws Exception {
        Directory root = trees.chain(100_000);
        Path tmp = scratch(junitTmp);
        Path dest = tmp.resolve("dest");

        new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), dest);

        // Its paths are far longer than the kernel resolves at once: walk down by handle.
        int depth = 0;
        DirectoryHandle dir = DirectoryHandle.open(dest);
        while (dir.contains(D)) {
            DirectoryHandle child = dir.openDirectory(D, () -> "d");
            dir.close();
            dir = child;
            depth++;
        }
        assertEquals(List.of("f"), dir.names().stream().map(n -> new String(n, StandardCharsets.UTF_8)).toList());
        dir.close();
        assertEquals(99_999, depth);

        try (DirectoryHandle top = DirectoryHandle.open(tmp)) {
            TreeRemoval.removeContents(top);
        }
        assertEquals(List.of(), names(tmp));
        if (!tmp.equals(junitTmp)) {
            Files.delete(tmp);
        }
    }

    @Test
    void withoutRenameFlagsAFreeDestinationIsWrittenAndATakenOneRefused(@TempDir Path tmp) throws Exception {
        Directory root = trees.wide(2);
        Path dest = tmp.resolve("dest");
        new TreeExporter(trees.blobs, trees.directories, false, false).exportDirectory(root.digest(), dest);
        assertEquals(List.of("d000", "d001"), names(dest));

        assertThrows(FileAlreadyExistsException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, false, false).exportDirectory(root.digest(), dest));
        assertEquals(List.of("dest"), names(tmp));
    }

    @Test
    void withoutRenameFlagsForceMovesTheOldDestinationAsideAndRemovesIt(@TempDir Path tmp) throws Exception {
        Directory root = trees.wide(1);
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest.resolve("old/deeper"));
        Files.writeString(dest.resolve("old/deeper/file"), "old");

        new TreeExporter(trees.blobs, trees.directories, true, false).exportDirectory(root.digest(), dest);

        assertEquals(List.of("d000"), names(dest));
        assertEquals(List.of("dest"), names(tmp));
        assertTrue(Files.isRegularFile(dest.resolve("d000/f")));
    }
}
