package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.cli.copy.TreeCopier;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static byte[] readAll(BlobService blobs, B3Digest digest) throws IOException {
        try (InputStream in = blobs.open(digest).orElseThrow().inputStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * Into a store across a network, many blobs copy at once, each written for the one sync that
     * comes before the directories; every blob arrives intact.
     */
    @Test
    void blobsCopyAtOnceForOneSyncBeforeTheDirectories(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(src.resolve("f" + i), "file " + i);
        }
        byte[] large = new byte[3 << 20];
        new Random(3).nextBytes(large);
        Files.write(src.resolve("large"), large);
        MemoryBlobService sourceBlobs = new MemoryBlobService();
        MemoryDirectoryService sourceDirectories = new MemoryDirectoryService();
        DirectoryNode root;
        try (TreeImporter importer = new TreeImporter(sourceBlobs, sourceDirectories, 2, ImportProgress.silent())) {
            root = (DirectoryNode) importer.importPath(src);
        }
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        MemoryBlobService targetBlobs = new MemoryBlobService();
        BlobService remote = new ForwardingBlobService(targetBlobs) {
            @Override
            public int callsInFlight() {
                return 8;
            }

            @Override
            public BlobWriter openWriter(Durability durability) throws IOException {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                return new ForwardingBlobWriter(super.openWriter(durability)) {
                    @Override
                    public B3Digest commit() throws IOException {
                        try {
                            Thread.sleep(20); // a round trip
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        events.add("commit " + durability);
                        return super.commit();
                    }

                    @Override
                    public void close() throws IOException {
                        now.decrementAndGet();
                        super.close();
                    }
                };
            }

            @Override
            public void sync() throws IOException {
                events.add("sync");
                super.sync();
            }
        };
        MemoryDirectoryService targetDirectories = new MemoryDirectoryService();
        TreeCopier.Copied copied = new TreeCopier(sourceBlobs, sourceDirectories, remote, targetDirectories)
                .copyDirectory(root.digest());

        assertEquals(new TreeCopier.Copied(41, 1), copied);
        assertEquals(41, events.indexOf("sync"), "one sync, after every commit: " + events);
        assertEquals(42, events.size());
        assertTrue(events.subList(0, 41).stream().allMatch("commit ON_SYNC"::equals), events.toString());
        assertTrue(most.get() > 2, "blobs at once: " + most.get());
        for (Directory.Entry<FileNode> f : targetDirectories.get(root.digest()).orElseThrow().files()) {
            assertArrayEquals(readAll(sourceBlobs, f.node().digest()), readAll(targetBlobs, f.node().digest()));
        }
        assertEquals(new TreeCopier.Copied(0, 1), new TreeCopier(sourceBlobs, sourceDirectories, remote, targetDirectories)
                .copyDirectory(root.digest()), "what the target has is not copied again");
    }
}
