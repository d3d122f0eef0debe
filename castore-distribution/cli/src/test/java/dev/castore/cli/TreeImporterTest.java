package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.Node;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeImporterTest {

    /** Records the order of blob commits, syncs and the closure commit. */
    private static final class Journal {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
    }

    private static BlobService journaled(BlobService inner, Journal journal) {
        return new ForwardingBlobService(inner) {
            @Override
            public BlobWriter openWriter() throws IOException {
                return openWriter(Durability.ON_COMMIT);
            }

            @Override
            public BlobWriter openWriter(Durability durability) throws IOException {
                return new ForwardingBlobWriter(super.openWriter(durability)) {
                    @Override
                    public B3Digest commit() throws IOException {
                        journal.events.add("commit " + durability);
                        return super.commit();
                    }
                };
            }

            @Override
            public void sync() throws IOException {
                journal.events.add("sync");
                super.sync();
            }
        };
    }

    @Test
    void blobsAreWrittenForOneSyncBeforeTheClosureIsPut(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/a/b"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(src.resolve("f" + i), "file " + i);
        }
        Journal journal = new Journal();
        DirectoryService journaledDirs = new ForwardingDirectoryService(new MemoryDirectoryService()) {
            @Override
            public DirectoryPutter putter() throws IOException {
                journal.events.add("closure");
                return super.putter();
            }
        };
        try (TreeImporter importer = new TreeImporter(journaled(new MemoryBlobService(), journal), journaledDirs, 4,
                ImportProgress.silent())) {
            importer.importPath(tmp.resolve("src"));
        }
        List<String> events = List.copyOf(journal.events);
        assertEquals(List.of("sync", "closure"), events.subList(events.size() - 2, events.size()), events.toString());
        assertEquals(20, events.stream().filter(e -> e.equals("commit ON_SYNC")).count(), events.toString());
        assertEquals(22, events.size(), "nothing is committed durably one by one: " + events);
    }

    @Test
    void aTreeAsDeepAsPathsAllowImportsWithoutRecursion() throws Exception {
        // Paths are limited to 4096 bytes: 1,900 levels of one-letter names with their slashes.
        int depth = 1_900;
        Path dir = Files.createTempDirectory("castore-deep");
        StringBuilder relative = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            relative.append(i == 0 ? "" : "/").append('d');
        }
        Path leaf = Files.createDirectories(dir.resolve(relative.toString()));
        Files.writeString(leaf.resolve("x"), "bottom");
        MemoryDirectoryService dirs = new MemoryDirectoryService();
        Node root;
        try (TreeImporter importer = new TreeImporter(new MemoryBlobService(), dirs, 2, ImportProgress.silent())) {
            root = importer.importPath(dir);
        } finally {
            // JUnit's temporary directory cleanup resolves every level's real path: quadratic here.
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
        long stored;
        try (Stream<Directory> closure = dirs.getRecursive(((DirectoryNode) root).digest()).asStream()) {
            stored = closure.count();
        }
        assertEquals(depth + 1, stored);
        assertTrue(((DirectoryNode) root).size() > depth);
    }
}
