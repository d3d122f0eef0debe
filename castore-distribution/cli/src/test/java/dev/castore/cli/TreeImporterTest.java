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
import dev.castore.api.telemetry.Telemetry;
import dev.castore.cli.ingest.FilesCache;
import dev.castore.cli.ingest.ImportChoices;
import dev.castore.cli.ingest.ImportJobs;
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
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Into a store that asks for more calls in flight than there are cores, small files upload
     * more at once than large ones, which keep to their own limit.
     */
    @Test
    void largeFilesKeepToTheirLimitWhileSmallOnesGoOnBeside(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] large = new byte[3 << 20];
        for (int i = 0; i < 6; i++) {
            large[0] = (byte) i;
            Files.write(src.resolve("large" + i), large);
        }
        for (int i = 0; i < 24; i++) {
            Files.writeString(src.resolve("small" + i), "small " + i);
        }
        AtomicInteger largeNow = new AtomicInteger();
        AtomicInteger largeMost = new AtomicInteger();
        AtomicInteger allNow = new AtomicInteger();
        AtomicInteger allMost = new AtomicInteger();
        BlobService slow = new ForwardingBlobService(new MemoryBlobService()) {
            @Override
            public BlobWriter openWriter(Durability durability) throws IOException {
                allMost.accumulateAndGet(allNow.incrementAndGet(), Math::max);
                return new ForwardingBlobWriter(super.openWriter(durability)) {
                    boolean isLarge;

                    @Override
                    public void expect(long bytes) {
                        isLarge = bytes > 1 << 20;
                        if (isLarge) {
                            largeMost.accumulateAndGet(largeNow.incrementAndGet(), Math::max);
                        }
                        super.expect(bytes);
                    }

                    @Override
                    public B3Digest commit() throws IOException {
                        try {
                            Thread.sleep(30); // a round trip
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return super.commit();
                    }

                    @Override
                    public void close() throws IOException {
                        if (isLarge) {
                            largeNow.decrementAndGet();
                        }
                        allNow.decrementAndGet();
                        super.close();
                    }
                };
            }
        };
        try (TreeImporter importer = new TreeImporter(slow, new MemoryDirectoryService(), new ImportJobs(8, 2),
                ImportProgress.silent(), FilesCache.none(), ImportChoices.all(), Telemetry.none())) {
            importer.importPath(src);
        }
        assertEquals(2, largeMost.get(), "large files at once");
        assertTrue(allMost.get() > 2, "small files beside them: " + allMost.get() + " at most");
    }

    @Test
    void theDefaultJobsFollowTheStoresCallsInFlight() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        assertEquals(new ImportJobs(cores, cores), ImportJobs.defaults(new MemoryBlobService()));
        BlobService remote = new ForwardingBlobService(new MemoryBlobService()) {
            @Override
            public int callsInFlight() {
                return 1000;
            }
        };
        assertEquals(new ImportJobs(1000, cores), ImportJobs.defaults(remote));
        assertEquals(new ImportJobs(3, 3), ImportJobs.of(3));
    }
}
