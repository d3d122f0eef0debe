package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.cli.export.TreeExporter;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export never writes through a symlink, outside the destination, or over existing files without --force. */
class ExportSafetyTest {

    private final MemoryBlobService blobs = new MemoryBlobService();
    private final MemoryDirectoryService directories = new MemoryDirectoryService();

    private B3Digest importTree(Path p) throws Exception {
        try (TreeImporter importer = new TreeImporter(blobs, directories, 2, ImportProgress.silent())) {
            return ((DirectoryNode) importer.importPath(p)).digest();
        }
    }

    @Test
    void refusesAnExistingDestinationWithoutForce(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("f"), "new");
        B3Digest d = importTree(src);
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        Files.writeString(dest.resolve("f"), "old");
        assertThrows(FileAlreadyExistsException.class, () -> new TreeExporter(blobs, directories, false).exportDirectory(d, dest));
        assertEquals("old", Files.readString(dest.resolve("f")));
        new TreeExporter(blobs, directories, true).exportDirectory(d, dest);
        assertEquals("new", Files.readString(dest.resolve("f")));
    }

    @Test
    void replacesASymlinkInTheWayInsteadOfWritingThroughIt(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/victim"), "payload");
        Files.writeString(src.resolve("file"), "payload");
        B3Digest d = importTree(src);
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "untouched");
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        // Someone planted symlinks where the tree has a directory and a file.
        Files.createSymbolicLink(dest.resolve("sub"), outside);
        Files.createSymbolicLink(dest.resolve("file"), outside.resolve("victim"));

        new TreeExporter(blobs, directories, true).exportDirectory(d, dest);

        assertEquals("untouched", Files.readString(outside.resolve("victim")));
        assertFalse(Files.isSymbolicLink(dest.resolve("sub")));
        assertFalse(Files.isSymbolicLink(dest.resolve("file")));
        assertEquals("payload", Files.readString(dest.resolve("sub/victim")));
    }

    @Test
    void storedSymlinksAreRecreatedNotFollowed(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(src.resolve("escape"), outside);
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/etc/passwd"));
        B3Digest d = importTree(src);
        Path dest = tmp.resolve("dest");
        new TreeExporter(blobs, directories, false).exportDirectory(d, dest);
        assertTrue(Files.isSymbolicLink(dest.resolve("escape")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(dest.resolve("abs")));
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void namesThatCouldEscapeCannotBeStored() {
        // A directory message naming an entry '..' (field 2 = file, name field 1).
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(0x0a);
        file.write(2);
        file.writeBytes("..".getBytes(StandardCharsets.US_ASCII));
        file.write(0x12);
        file.write(32);
        file.writeBytes(new byte[32]);
        byte[] entry = file.toByteArray();
        ByteArrayOutputStream dir = new ByteArrayOutputStream();
        dir.write(0x12);
        dir.write(entry.length);
        dir.writeBytes(entry);
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, () -> Directory.decode(dir.toByteArray()));
        assertTrue(e.getMessage().contains(".."), e.getMessage());
        assertThrows(InvalidDirectoryException.class, () -> Directory.builder().file("a/b", B3Digest.fromHex("00".repeat(32)), 0, false));
    }
}
