package dev.castore.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.model.Node;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer with a files cache: unchanged files are not read again, changed ones are. */
class FilesCacheImportTest {

    @TempDir
    Path tmp;

    /** Counts the blobs written, to see which files were read. */
    private static final class CountingBlobs extends ForwardingBlobService {
        final AtomicInteger writers = new AtomicInteger();

        CountingBlobs() {
            super(new MemoryBlobService());
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return openWriter(Durability.ON_COMMIT);
        }

        @Override
        public BlobWriter openWriter(Durability durability) throws IOException {
            writers.incrementAndGet();
            return super.openWriter(durability);
        }
    }

    private static long later() {
        return (System.currentTimeMillis() + 10_000) * 1_000_000L;
    }

    private Node importWith(CountingBlobs blobs, MemoryDirectoryService dirs, Path cacheFile, Path tree) throws Exception {
        FilesCache cache = FilesCache.open(cacheFile, later());
        try (TreeImporter importer = new TreeImporter(blobs, dirs, 2, ImportProgress.silent(), cache)) {
            Node node = importer.importPath(tree);
            cache.save();
            return node;
        }
    }

    @Test
    void aSecondImportReadsOnlyWhatChanged() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(tree.resolve("a"), "first file");
        Files.writeString(tree.resolve("b"), "second file");
        Path c = Files.writeString(tmp.resolve("tree/c"), "third file");
        Path cacheFile = tmp.resolve("cache/files");
        CountingBlobs blobs = new CountingBlobs();
        MemoryDirectoryService dirs = new MemoryDirectoryService();

        Node first = importWith(blobs, dirs, cacheFile, tmp.resolve("tree"));
        assertEquals(3, blobs.writers.get());
        Node second = importWith(blobs, dirs, cacheFile, tmp.resolve("tree"));
        assertEquals(3, blobs.writers.get(), "nothing read again");
        assertEquals(first, second);

        FileTime mtime = Files.getLastModifiedTime(c);
        Thread.sleep(20);
        Files.writeString(c, "THIRD FILE");
        Files.setLastModifiedTime(c, mtime);
        Node third = importWith(blobs, dirs, cacheFile, tmp.resolve("tree"));
        assertEquals(4, blobs.writers.get(), "the file changed in place (same size and mtime) is read again");
        assertNotEquals(first, third);
    }

    @Test
    void aKnownFileTheStoreLacksIsReadAgain() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a"), "kept in the cache, not in the new store");
        Path cacheFile = tmp.resolve("cache/files");
        CountingBlobs first = new CountingBlobs();
        importWith(first, new MemoryDirectoryService(), cacheFile, tree);
        CountingBlobs emptied = new CountingBlobs();
        importWith(emptied, new MemoryDirectoryService(), cacheFile, tree);
        assertEquals(1, emptied.writers.get());
    }
}
