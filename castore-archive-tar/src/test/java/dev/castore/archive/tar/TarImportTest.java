package dev.castore.archive.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives made by the tar command (GNU tar) and by Commons Compress, imported, compared with the
 * tree the tar command extracts them to.
 */
class TarImportTest {

    private final MemoryBlobService blobs = new MemoryBlobService();
    private final MemoryDirectoryService directories = new MemoryDirectoryService();
    private final TarImporterProvider provider = new TarImporterProvider();

    @TempDir
    Path tmp;

    @Test
    void everyCompressionGivesTheDigestOfTheExtractedTree() throws Exception {
        Path src = sampleTree(tmp.resolve("src"));
        B3Digest expected = null;
        for (String flag : List.of("", "--gzip", "--zstd", "--xz", "--bzip2")) {
            Path archive = tmp.resolve("a" + flag + ".tar");
            run(tmp, "tar", "--format=gnu", flag.isEmpty() ? "--no-auto-compress" : flag, "-cf", archive.toString(), "-C",
                    src.toString(), ".");
            DirectoryNode node = importFile(archive);
            Path out = Files.createDirectory(tmp.resolve("x" + flag));
            run(tmp, "tar", "-xf", archive.toString(), "-C", out.toString());
            B3Digest extracted = LocalTree.digest(out);
            assertEquals(extracted, node.digest(), "archive " + (flag.isEmpty() ? "plain" : flag));
            if (expected != null) {
                assertEquals(expected, node.digest());
            }
            expected = node.digest();
        }
    }

    @Test
    void paxLongNamesHardLinksSymlinksAndExecutableBitsAreKept() throws Exception {
        Path src = sampleTree(tmp.resolve("src"));
        Path deep = src.resolve("d".repeat(120)).resolve("é".repeat(60));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("long-" + "n".repeat(200)), "deep\n");
        Files.createLink(src.resolve("hard"), src.resolve("tool"));
        Files.createSymbolicLink(src.resolve("long-link"), Path.of("../" + "t".repeat(300)));
        for (String format : List.of("pax", "gnu")) {
            Path archive = tmp.resolve(format + ".tar");
            run(tmp, "tar", "--format=" + format, "-cf", archive.toString(), "-C", src.toString(), ".");
            Path out = Files.createDirectory(tmp.resolve("x-" + format));
            run(tmp, "tar", "-xf", archive.toString(), "-C", out.toString());
            DirectoryNode node = importFile(archive);
            assertEquals(LocalTree.digest(out), node.digest(), format);
            Directory top = directories.get(node.digest()).orElseThrow();
            FileNode tool = (FileNode) top.get(PathComponent.of("tool")).orElseThrow();
            assertTrue(tool.executable());
            assertEquals(tool, top.get(PathComponent.of("hard")).orElseThrow());
            assertEquals("../" + "t".repeat(300),
                    ((SymlinkNode) top.get(PathComponent.of("long-link")).orElseThrow()).target().toString());
        }
    }

    @Test
    void fileContentsAreStoredAsTheirBlobs() throws Exception {
        Path src = sampleTree(tmp.resolve("src"));
        Path archive = tmp.resolve("a.tar");
        run(tmp, "tar", "-cf", archive.toString(), "-C", src.toString(), ".");
        Directory top = directories.get(importFile(archive).digest()).orElseThrow();
        FileNode big = (FileNode) top.get(PathComponent.of("big.bin")).orElseThrow();
        assertEquals(3_000_000, big.size());
        try (BlobReader r = blobs.open(big.digest()).orElseThrow(); InputStream in = r.inputStream()) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(src.resolve("big.bin")), in.readAllBytes()));
        }
    }

    /**
     * A 160 MiB file in an archive made while it is read, through a pipe, into a heap of 96 MiB
     * (the surefire argLine): neither the archive nor the file can be held whole.
     */
    @Test
    void aFileLargerThanTheHeapStreamsThroughAPipe() throws Exception {
        long size = 160L << 20;
        java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(in);
        dev.castore.api.digest.Blake3Hasher expected = Blake3.newHasher();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(pipe)) {
                TarArchiveEntry e = new TarArchiveEntry("data/big.bin");
                e.setSize(size);
                out.putArchiveEntry(e);
                byte[] block = new byte[1 << 20];
                Random random = new Random(13);
                for (long left = size; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    out.write(block);
                    expected.update(block, 0, block.length);
                }
                out.closeArchiveEntry();
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        DirectoryNode node = provider.importArchive("tar", in, blobs, directories);
        writer.join();
        Directory top = directories.get(node.digest()).orElseThrow();
        Directory data = directories.get(((DirectoryNode) top.get(PathComponent.of("data")).orElseThrow()).digest())
                .orElseThrow();
        FileNode big = (FileNode) data.get(PathComponent.of("big.bin")).orElseThrow();
        assertEquals(size, big.size());
        assertEquals(expected.digest(), big.digest());
        assertTrue(blobs.has(big.digest()));
    }

    @Test
    void anArchiveWithoutEntriesForItsParentsMakesThem() throws Exception {
        byte[] tar = tar(out -> {
            addFile(out, "a/b/c.txt", "c\n", 0644);
            addFile(out, "./a//x.txt", "x\n", 0755);
        });
        Directory top = importedRoot(tar);
        assertEquals(List.of("a"), names(top));
        Directory a = directories.get(((DirectoryNode) top.get(PathComponent.of("a")).orElseThrow()).digest()).orElseThrow();
        assertEquals(List.of("b", "x.txt"), names(a));
        assertTrue(((FileNode) a.get(PathComponent.of("x.txt")).orElseThrow()).executable());
    }

    @Test
    void aLaterEntryReplacesAnEarlierFile() throws Exception {
        byte[] tar = tar(out -> {
            addFile(out, "f", "old\n", 0644);
            addFile(out, "f", "new!\n", 0644);
        });
        Directory top = importedRoot(tar);
        assertEquals(5, ((FileNode) top.get(PathComponent.of("f")).orElseThrow()).size());
    }

    @Test
    void entriesCastoreCannotStoreAreRefusedByName() throws Exception {
        assertRefused(out -> addFile(out, "/etc/passwd", "x", 0644), "archive entry '/etc/passwd': an absolute path");
        assertRefused(out -> addFile(out, "a/../../evil", "x", 0644), "archive entry 'a/../../evil': '..' in its path");
        assertRefused(out -> {
            TarArchiveEntry dev = new TarArchiveEntry("dev/null", TarArchiveEntry.LF_CHR);
            out.putArchiveEntry(dev);
            out.closeArchiveEntry();
        }, "archive entry 'dev/null': a character device");
        assertRefused(out -> {
            TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarArchiveEntry.LF_FIFO);
            out.putArchiveEntry(fifo);
            out.closeArchiveEntry();
        }, "archive entry 'pipe': a FIFO");
        assertRefused(out -> {
            TarArchiveEntry link = new TarArchiveEntry("h", TarArchiveEntry.LF_LINK);
            link.setLinkName("missing");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }, "archive entry 'h': a hard link to 'missing', which no entry before it holds");
        assertRefused(out -> {
            addFile(out, "a", "x", 0644);
            addFile(out, "a/b", "x", 0644);
        }, "archive entry 'a/b': its path goes through 'a', which an earlier entry made a file or symlink");
    }

    @Test
    void aRefusedArchiveStoresNoDirectory() throws Exception {
        assertRefused(out -> {
            addFile(out, "ok", "fine", 0644);
            addFile(out, "../bad", "x", 0644);
        }, "'..' in its path");
        assertFalse(directories.get(Directory.builder().file("ok", Blake3.hash("fine".getBytes(StandardCharsets.UTF_8)), 4,
                false).build().digest()).isPresent());
    }

    @Test
    void somethingThatIsNotATarIsRefused() {
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> importBytes(junk));
        assertTrue(e.getMessage().startsWith("not a tar archive, or a damaged one"), e.getMessage());
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path src = sampleTree(tmp.resolve("src"));
        Path archive = tmp.resolve("a.tar");
        run(tmp, "tar", "-cf", archive.toString(), "-C", src.toString(), ".");
        byte[] whole = Files.readAllBytes(archive);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThrows(InvalidRequestException.class, () -> importBytes(cut));
    }

    private void assertRefused(TarBody body, String expected) throws IOException {
        byte[] tar = tar(body);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> importBytes(tar));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private DirectoryNode importBytes(byte[] tar) throws IOException {
        return provider.importArchive("tar", new ByteArrayInputStream(tar), blobs, directories);
    }

    /** The root directory of what {@code tar} imports to. */
    private Directory importedRoot(byte[] tar) throws IOException {
        return directories.get(importBytes(tar).digest()).orElseThrow();
    }

    private DirectoryNode importFile(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return provider.importArchive("tar", in, blobs, directories);
        }
    }

    /** Files, an executable, a symlink, an empty directory, a 3 MB file of random bytes. */
    static Path sampleTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("sub/empty"));
        Files.writeString(root.resolve("README"), "hello\n");
        Files.writeString(root.resolve("sub/a.txt"), "a\n");
        Files.writeString(root.resolve("sub/empty-file"), "");
        Path tool = Files.writeString(root.resolve("tool"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("sub/a.txt"));
        byte[] big = new byte[3_000_000];
        new Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        return root;
    }

    interface TarBody {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(out);
        }
        return bytes.toByteArray();
    }

    static void addFile(TarArchiveOutputStream out, String name, String content, int mode) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(mode);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
    }

    private static List<String> names(Directory d) {
        List<String> out = new ArrayList<>();
        d.entries().keySet().forEach(n -> out.add(n.toString()));
        return out;
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        args.removeIf(String::isEmpty);
        Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (OutputStream ignored = p.getOutputStream()) {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(args + " failed: " + output);
        }
    }
}
