package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.export.TreeExporter;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export from a store across a network reads its small blobs ahead, several at once, and writes the same tree. */
class ExportPrefetchTest {

    /** A store that wants calls in flight and takes a while to open a blob; counts the opens at once. */
    private static final class Remote extends ForwardingBlobService {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        Remote(BlobService inner) {
            super(inner);
        }

        @Override
        public int callsInFlight() {
            return 8;
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            opened.incrementAndGet();
            try {
                Thread.sleep(10); // a round trip
                return super.open(digest);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                now.decrementAndGet();
            }
        }
    }

    @Test
    void theTreeIsWrittenAsImportedWhileBlobsAreReadAhead(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Random random = new Random(7);
        for (int d = 0; d < 4; d++) {
            Path dir = Files.createDirectories(src.resolve("d" + d).resolve("inner"));
            for (int f = 0; f < 15; f++) {
                byte[] bytes = new byte[random.nextInt(5000)];
                random.nextBytes(bytes);
                Files.write((f % 2 == 0 ? dir : dir.getParent()).resolve("f" + f), bytes);
            }
        }
        byte[] large = new byte[(int) (3 * 256 * 1024)];
        random.nextBytes(large);
        Files.write(src.resolve("d1/large"), large);
        Files.writeString(src.resolve("d2/inner/f0"), "the same as d3/inner/f0");
        Files.writeString(src.resolve("d3/inner/f0"), "the same as d3/inner/f0");
        MemoryBlobService blobs = new MemoryBlobService();
        MemoryDirectoryService directories = new MemoryDirectoryService();
        DirectoryNode root;
        try (TreeImporter importer = new TreeImporter(blobs, directories, 2, ImportProgress.silent())) {
            root = (DirectoryNode) importer.importPath(src);
        }
        Remote remote = new Remote(blobs);

        Path dest = tmp.resolve("dest");
        new TreeExporter(remote, directories, false).exportDirectory(root.digest(), dest);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(61, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dest.resolve(src.relativize(f))), f.toString());
        }
        try (Stream<Path> walk = Files.walk(dest)) {
            assertEquals(61, walk.filter(Files::isRegularFile).count());
        }
        assertTrue(remote.most.get() > 2, "blobs opened at once: " + remote.most.get());
        assertEquals(61, remote.opened.get(), "each file's blob opened once: read ahead in the order written");
    }

    @Test
    void aMissingBlobIsNamedWithItsPathAsWithoutReadingAhead(@TempDir Path tmp) throws Exception {
        StoredTrees trees = new StoredTrees();
        Directory root = trees.missingBlobAt(30, 20);

        CliException e = assertThrows(CliException.class, () -> new TreeExporter(new Remote(trees.blobs), trees.directories,
                false).exportDirectory(root.digest(), tmp.resolve("dest")));
        assertEquals(CliException.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("/dest/d20/f) is not in the blob service"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("dest")));
    }

    @Test
    void aBlobLongerThanItsDirectorySaysIsCountedWhole(@TempDir Path tmp) throws Exception {
        StoredTrees trees = new StoredTrees();
        B3Digest payload = trees.blob("payload"); // 7 bytes
        Directory root = trees.put(List.of(Directory.builder().file("f", payload, 3, false).build()));

        CliException e = assertThrows(CliException.class, () -> new TreeExporter(new Remote(trees.blobs), trees.directories,
                false).exportDirectory(root.digest(), tmp.resolve("dest")));
        assertTrue(e.getMessage().contains("has 7 bytes, but the directory says 3"), e.getMessage());
    }
}
