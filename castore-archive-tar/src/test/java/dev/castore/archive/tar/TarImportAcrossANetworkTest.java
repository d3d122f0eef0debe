package dev.castore.archive.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives imported into a store that says it is across a network ({@link BlobService#callsInFlight()}
 * above 0, each commit taking a while as a round trip would): small files are written on the side,
 * several at once, while the archive is read on; the tree is the one a local store gets.
 */
class TarImportAcrossANetworkTest {

    private final TarImporterProvider provider = new TarImporterProvider();

    @TempDir
    Path tmp;

    @Test
    void smallFilesAreWrittenSeveralAtOnceAndTheTreeIsTheSame() throws Exception {
        Path src = TarImportTest.sampleTree(tmp.resolve("src"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(src.resolve("sub").resolve("f" + i), "file " + i + "\n".repeat(i));
        }
        Files.createLink(src.resolve("hard"), src.resolve("tool"));
        Path archive = tmp.resolve("a.tar");
        TarImportTest.run(tmp, "tar", "--format=gnu", "-cf", archive.toString(), "-C", src.toString(), ".");
        Path out = Files.createDirectory(tmp.resolve("x"));
        TarImportTest.run(tmp, "tar", "-xf", archive.toString(), "-C", out.toString());

        AcrossANetwork blobs = new AcrossANetwork(new MemoryBlobService());
        MemoryDirectoryService directories = new MemoryDirectoryService();
        DirectoryNode node;
        try (InputStream in = Files.newInputStream(archive)) {
            node = provider.importArchive("tar", in, blobs, directories);
        }
        assertEquals(LocalTree.digest(out), node.digest());
        assertTrue(directories.get(node.digest()).isPresent());
        assertTrue(blobs.mostAtOnce.get() > 1, "commits at once: " + blobs.mostAtOnce.get());
        // 200 small files and the sample's 4 (one of them empty); the 3 MB one streams on the caller's thread
        List<String> events = List.copyOf(blobs.events);
        assertEquals(205, events.stream().filter(e -> e.startsWith("commit ON_SYNC")).count(), events::toString);
        assertEquals(List.of("commit ON_SYNC main"), events.stream().filter(e -> e.endsWith(" main")).toList());
        assertEquals("sync", events.getLast(), "one sync, after every commit");
        assertEquals(1, events.stream().filter("sync"::equals).count());
    }

    @Test
    void aFailedWriteFailsTheImportAndPutsNoDirectory() throws Exception {
        AcrossANetwork blobs = new AcrossANetwork(new MemoryBlobService());
        blobs.failingCommit = 30;
        MemoryDirectoryService directories = new MemoryDirectoryService();
        byte[] tar = TarImportTest.tar(out -> {
            for (int i = 0; i < 100; i++) {
                TarImportTest.addFile(out, "d/f" + i, "contents " + i, 0644);
            }
        });
        IOException e = assertThrows(IOException.class,
                () -> provider.importArchive("tar", new java.io.ByteArrayInputStream(tar), blobs, directories));
        assertEquals("the store went away", e.getMessage());
        assertEquals(0, directories.size());
        assertTrue(blobs.events.stream().noneMatch("sync"::equals));
    }

    /**
     * While no commit returns, the archive is read only as far as {@link SmallFiles#BUDGET} bytes
     * of files waiting (and the one read next); once they return, the rest follows.
     */
    @Test
    void filesWaitingToBeWrittenHoldAtMostTheBudget() throws Exception {
        int files = 48;
        int size = SmallFiles.SMALL;
        PipedInputStream pipe = new PipedInputStream(1 << 16);
        PipedOutputStream archive = new PipedOutputStream(pipe);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(archive)) {
                byte[] contents = new byte[size];
                Random random = new Random(5);
                for (int i = 0; i < files; i++) {
                    random.nextBytes(contents);
                    TarArchiveEntry entry = new TarArchiveEntry("f" + i);
                    entry.setSize(size);
                    out.putArchiveEntry(entry);
                    out.write(contents);
                    out.closeArchiveEntry();
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        AtomicLong read = new AtomicLong();
        InputStream counted = new FilterInputStream(pipe) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        AcrossANetwork blobs = new AcrossANetwork(new MemoryBlobService());
        blobs.gate = new CountDownLatch(1);
        MemoryDirectoryService directories = new MemoryDirectoryService();
        List<Object> result = Collections.synchronizedList(new ArrayList<>());
        Thread importer = Thread.ofPlatform().start(() -> {
            try {
                result.add(provider.importArchive("tar", counted, blobs, directories));
            } catch (Exception ex) {
                result.add(ex);
            }
        });
        long before;
        do { // until reading stops
            before = read.get();
            Thread.sleep(300);
        } while (read.get() != before);
        long held = read.get();
        assertTrue(held <= SmallFiles.BUDGET + 2L * size, "read while no commit returned: " + held);
        assertTrue(held >= SmallFiles.BUDGET - 2L * size, "read while no commit returned: " + held);
        blobs.gate.countDown();
        importer.join(TimeUnit.SECONDS.toMillis(60));
        writer.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(1, result.size());
        assertTrue(result.getFirst() instanceof DirectoryNode, () -> result.getFirst().toString());
        assertEquals(files, blobs.events.stream().filter(e -> e.startsWith("commit")).count());
    }

    @Test
    void aLocalStoreIsWrittenOnTheReadingThread() throws Exception {
        BlobService local = new MemoryBlobService();
        assertSame(0, local.callsInFlight());
        AcrossANetwork blobs = new AcrossANetwork(local) {
            @Override
            public int callsInFlight() {
                return 0;
            }
        };
        byte[] tar = TarImportTest.tar(out -> {
            for (int i = 0; i < 20; i++) {
                TarImportTest.addFile(out, "f" + i, "contents " + i, 0644);
            }
        });
        provider.importArchive("tar", new java.io.ByteArrayInputStream(tar), blobs, new MemoryDirectoryService());
        assertEquals(20, blobs.events.stream().filter("commit ON_SYNC main"::equals).count(), blobs.events::toString);
        assertEquals(1, blobs.mostAtOnce.get());
    }

    /**
     * A memory store that says it keeps 16 calls in flight; each commit takes 5 ms (after the
     * gate, when there is one), the {@code failingCommit}th fails; records each commit (its
     * durability and, for the test's own thread, "main") and each sync.
     */
    static class AcrossANetwork extends ForwardingBlobService {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger committing = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        volatile CountDownLatch gate;
        volatile int failingCommit = -1;
        private final Thread caller = Thread.currentThread();

        AcrossANetwork(BlobService delegate) {
            super(delegate);
        }

        @Override
        public int callsInFlight() {
            return 16;
        }

        @Override
        public BlobWriter openWriter(Durability durability) throws IOException {
            return new ForwardingBlobWriter(delegate().openWriter(durability)) {
                @Override
                public B3Digest commit() throws IOException {
                    int now = committing.incrementAndGet();
                    mostAtOnce.accumulateAndGet(now, Math::max);
                    try {
                        CountDownLatch g = gate;
                        if (g != null && !g.await(60, TimeUnit.SECONDS)) {
                            throw new IOException("the gate stayed shut");
                        }
                        Thread.sleep(5);
                        if (commits.incrementAndGet() == failingCommit) {
                            throw new IOException("the store went away");
                        }
                        B3Digest digest = super.commit();
                        events.add("commit " + durability + (Thread.currentThread() == caller ? " main" : ""));
                        return digest;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException();
                    } finally {
                        committing.decrementAndGet();
                    }
                }
            };
        }

        @Override
        public void sync() throws IOException {
            events.add("sync");
            super.sync();
        }
    }
}
