package dev.castore.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --archive -j N}: the importer writes the archive's files N at once, into a local
 * store as into one across a network, and {@code -j 1} writes them one after the other on the
 * thread that reads the archive; the tree is the same whichever it is.
 */
class ArchiveImportJobsTest {

    @TempDir
    Path tmp;

    /** Records the threads that committed blobs, and how many calls it says it keeps in flight. */
    private static final class Recording extends ForwardingBlobService {
        final Set<String> committers = ConcurrentHashMap.newKeySet();
        private final int calls;

        Recording(int calls) {
            super(new MemoryBlobService());
            this.calls = calls;
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return openWriter(Durability.ON_COMMIT);
        }

        @Override
        public BlobWriter openWriter(Durability durability) throws IOException {
            return new ForwardingBlobWriter(super.openWriter(durability)) {
                @Override
                public B3Digest commit() throws IOException {
                    committers.add(Thread.currentThread().getName());
                    return super.commit();
                }
            };
        }

        @Override
        public int callsInFlight() {
            return calls;
        }
    }

    private Path archive() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(src.resolve("f" + i), "file " + i);
        }
        Path archive = tmp.resolve("src.tar");
        Process tar = new ProcessBuilder("tar", "-cf", archive.toString(), "-C", tmp.resolve("src").toString(), ".")
                .redirectErrorStream(true).start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, new String(tar.getInputStream().readAllBytes()));
        return archive;
    }

    private DirectoryNode run(Path archive, BlobService blobs, Integer jobs) throws IOException {
        CliContext context = new CliContext(Map.of("XDG_DATA_HOME", tmp.toString(), "CASTORE_PLUGINS", "/nonexistent"),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new ByteArrayOutputStream());
        return ArchiveImport.run(context, archive.toString(), blobs, new MemoryDirectoryService(), ImportChoices.all(),
                ImportProgress.silent(), jobs);
    }

    @Test
    void jobsWriteALocalStoresFilesOnTheSide() throws Exception {
        Path archive = archive();
        Recording inline = new Recording(0);
        DirectoryNode expected = run(archive, inline, null);
        assertEquals(Set.of(Thread.currentThread().getName()), inline.committers, "a local store: on the reading thread");

        Recording side = new Recording(0);
        assertEquals(expected, run(archive, side, 3));
        assertTrue(side.committers.stream().allMatch(n -> n.equals("castore-archive-write")), side.committers::toString);
    }

    @Test
    void oneJobWritesOneFileAfterTheOtherEvenAcrossANetwork() throws Exception {
        Path archive = archive();
        Recording network = new Recording(16);
        DirectoryNode expected = run(archive, network, null);
        assertEquals(Set.of("castore-archive-write"), network.committers, "across a network: on the side");

        Recording one = new Recording(16);
        assertEquals(expected, run(archive, one, 1));
        assertEquals(Set.of(Thread.currentThread().getName()), one.committers);
    }

    @Test
    void theCallsInFlightAreWhatJobsSays() {
        BlobService blobs = new MemoryBlobService();
        assertEquals(0, ArchiveImport.writingAtOnce(blobs, 1).callsInFlight());
        assertEquals(5, ArchiveImport.writingAtOnce(blobs, 5).callsInFlight());
        assertThrows(IllegalArgumentException.class, () -> ArchiveImport.writingAtOnce(blobs, 0));
    }
}
