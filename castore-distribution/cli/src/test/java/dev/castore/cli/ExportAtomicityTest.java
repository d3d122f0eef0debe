package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.cli.export.TreeExporter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export completes, or leaves DEST (and its parent) as they were. */
class ExportAtomicityTest {

    private final StoredTrees trees = new StoredTrees();

    /** 40 directories with a file each, then one whose file's blob is not in the store, then 40 more. */
    private Directory treeFailingHalfWay() throws Exception {
        return trees.missingBlobAt(81, 40);
    }

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anExportFailingHalfWayLeavesNoDestinationAndNothingElse(@TempDir Path tmp) throws Exception {
        Directory root = treeFailingHalfWay();
        Path parent = Files.createDirectory(tmp.resolve("parent"));
        Files.writeString(parent.resolve("neighbour"), "n");

        CliException e = assertThrows(CliException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), parent.resolve("dest")));

        assertEquals(CliException.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("/dest/d40/f) is not in the blob service"), e.getMessage());
        assertEquals(List.of("neighbour"), names(parent));
    }

    @Test
    void aForcedExportFailingHalfWayLeavesTheOldDestinationAsItWas(@TempDir Path tmp) throws Exception {
        Directory root = treeFailingHalfWay();
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest.resolve("sub"));
        Files.writeString(dest.resolve("old"), "kept");

        assertThrows(CliException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, true).exportDirectory(root.digest(), dest));

        assertEquals(List.of("old", "sub"), names(dest));
        assertEquals("kept", Files.readString(dest.resolve("old")));
        assertEquals(List.of("dest"), names(tmp));
    }

    @Test
    void forceReplacesTheDestinationAsAWhole(@TempDir Path tmp) throws Exception {
        Directory root = trees.wide(3);
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest.resolve("d001"));
        Files.writeString(dest.resolve("stale"), "old");
        Files.writeString(dest.resolve("d001/f"), "old");

        new TreeExporter(trees.blobs, trees.directories, true).exportDirectory(root.digest(), dest);

        assertEquals(List.of("d000", "d001", "d002"), names(dest));
        assertEquals("payload", Files.readString(dest.resolve("d001/f")));
        assertEquals(List.of("dest"), names(tmp));
    }

    @Test
    void withoutForceAnExistingDestinationIsRefusedAndKept(@TempDir Path tmp) throws Exception {
        Directory root = trees.wide(3);
        Path dest = Files.writeString(tmp.resolve("dest"), "a file");

        assertThrows(FileAlreadyExistsException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), dest));

        assertEquals("a file", Files.readString(dest));
        assertEquals(List.of("dest"), names(tmp));
    }

    @Test
    void aBlobReplacesADirectoryWithForce(@TempDir Path tmp) throws Exception {
        B3Digest blob = trees.blob("#!/bin/sh\n");
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest.resolve("inside"));

        new TreeExporter(trees.blobs, trees.directories, true).exportFile(blob, dest, true);

        assertTrue(Files.isRegularFile(dest));
        assertEquals("#!/bin/sh\n", Files.readString(dest));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        assertEquals(List.of("dest"), names(tmp));
    }

    @Test
    void aDestinationThatNamesNoEntryIsAUsageError(@TempDir Path tmp) {
        CliException e = assertThrows(CliException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, true).exportDirectory(trees.wide(1).digest(), tmp.resolve(".")));
        assertEquals(CliException.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("\n"));
    }
}
