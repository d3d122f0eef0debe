package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.model.Directory;
import dev.castore.cli.copy.TreeCopier;
import dev.castore.cli.export.TreeExporter;
import dev.castore.cli.listing.TreeListing;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small closure whose directories each hold the next one twice stands for 2^n paths: ls, copy
 * and export must work from the distinct directories, not walk (or write) every path.
 */
class RepeatedSubtreeTest {

    private final StoredTrees trees = new StoredTrees();

    @Test
    void lsListsARepeatedSubtreeOnceAndItsLaterOccurrencesByDigest() throws Exception {
        Directory root = trees.doubling(2);
        Directory mid = trees.directories.get(root.directories().getFirst().node().digest()).orElseThrow();
        StringWriter out = new StringWriter();

        long repeated = new TreeListing(new PrintWriter(out), trees.closure(root)).list(root, true);

        String midLine = "d " + String.format("%12d", mid.size()) + " " + mid.digest().toHex();
        Directory leaf = trees.directories.get(mid.directories().getFirst().node().digest()).orElseThrow();
        String leafLine = "d " + String.format("%12d", leaf.size()) + " " + leaf.digest().toHex();
        String file = "- " + String.format("%12d", 7) + " " + trees.blob("payload").toHex();
        assertEquals(String.join("\n",
                midLine + " a/",
                leafLine + " a/a/",
                file + " a/a/f",
                leafLine + " a/b/",
                midLine + " b/") + "\n", out.toString());
        assertEquals(2, repeated);
    }

    @Test
    void lsOfSixtyDoublingLevelsPrintsAFewLinesPerLevel() throws Exception {
        Directory root = trees.doubling(60);
        StringWriter out = new StringWriter();

        long repeated = new TreeListing(new PrintWriter(out), trees.closure(root)).list(root, true);

        // Each directory expanded once: its a/ and b/ lines; the last one's file.
        assertEquals(2 * 60 + 1, out.toString().lines().count());
        assertEquals(60, repeated);
    }

    @Test
    void copyCopiesEachDistinctDirectoryAndBlobOnce() throws Exception {
        Directory root = trees.doubling(60);
        MemoryDirectoryService target = new MemoryDirectoryService();

        TreeCopier.Copied copied = new TreeCopier(trees.blobs, trees.directories, new MemoryBlobService(), target)
                .copyDirectory(root.digest());

        assertEquals(new TreeCopier.Copied(1, 61), copied);
        try (Stream<Directory> s = target.getRecursive(root.digest()).asStream()) {
            assertEquals(61, s.count());
        }
    }

    @Test
    void exportRefusesATreeThatExpandsBeyondTheLimitBeforeWritingAnything(@TempDir Path tmp) throws Exception {
        Directory root = trees.doubling(40);
        Path parent = Files.createDirectory(tmp.resolve("parent"));

        CliException e = assertThrows(CliException.class,
                () -> new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), parent.resolve("dest")));

        assertEquals(CliException.FAILED, e.exitCode());
        long entries = (1L << 41) - 2 + (1L << 40);
        assertEquals("directory " + root.digest().toHex() + " expands to " + entries + " entries and " + 7 * (1L << 40)
                + " bytes of files from 41 distinct directories (subtrees repeat at several paths): more than an export"
                + " writes (" + TreeExporter.MAX_ENTRIES + " entries); nothing was written. Export a subdirectory, or list"
                + " it with ls -r", e.getMessage());
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void exportWritesARepeatedSubtreeAtEveryPathWithinTheLimit(@TempDir Path tmp) throws Exception {
        Directory root = trees.doubling(3);
        Path dest = tmp.resolve("dest");

        new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), dest);

        try (Stream<Path> files = Files.walk(dest)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertEquals(8, regular.size());
            for (Path f : regular) {
                assertEquals("payload", Files.readString(f));
            }
        }
        assertTrue(Files.isRegularFile(dest.resolve("b/a/b/f")));
    }
}
