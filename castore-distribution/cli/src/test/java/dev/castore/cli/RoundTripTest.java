package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.Node;
import dev.castore.cli.export.TreeExporter;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported tree imports again to the same digest, with everything the digest covers intact. */
class RoundTripTest {

    private final MemoryBlobService blobs = new MemoryBlobService();
    private final MemoryDirectoryService directories = new MemoryDirectoryService();

    private Node importTree(Path p) throws Exception {
        try (TreeImporter importer = new TreeImporter(blobs, directories, 4, ImportProgress.silent())) {
            return importer.importPath(p);
        }
    }

    @Test
    void exportThenImportGivesTheSameDigest(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("plain.txt"), "hello\n");
        Path tool = Files.writeString(src.resolve("tool.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(src.resolve("empty"));
        Files.createDirectories(src.resolve("a/b/c"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("a/b/big.bin"), big);
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/nix/store/somewhereelse"));
        Files.createSymbolicLink(src.resolve("a/dangling"), Path.of("../does/not/exist"));
        Files.createSymbolicLink(src.resolve("a/b/up"), Path.of("../../plain.txt"));
        boolean raw = RawNames.raw();
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        if (raw) {
            Files.writeString(RawNames.resolve(src, latin1), "not utf-8 name");
        }

        Node first = importTree(src);
        assertTrue(first instanceof DirectoryNode);
        Path out = tmp.resolve("out");
        new TreeExporter(blobs, directories, false).exportDirectory(((DirectoryNode) first).digest(), out);

        assertEquals("hello\n", Files.readString(out.resolve("plain.txt")));
        assertTrue(Files.getPosixFilePermissions(out.resolve("tool.sh")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(out.resolve("plain.txt")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.isDirectory(out.resolve("empty")));
        assertArrayEquals(big, Files.readAllBytes(out.resolve("a/b/big.bin")));
        assertEquals(Path.of("/nix/store/somewhereelse"), Files.readSymbolicLink(out.resolve("abs")));
        assertEquals(Path.of("../does/not/exist"), Files.readSymbolicLink(out.resolve("a/dangling")));
        assertTrue(Files.isSymbolicLink(out.resolve("a/b/up")));
        if (raw) {
            assertEquals("not utf-8 name", Files.readString(RawNames.resolve(out, latin1), StandardCharsets.UTF_8));
        }
        assertEquals(first, importTree(out));
    }

    @Test
    void sameSubtreeTwiceIsStoredOnce(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        for (String d : new String[] {"x", "y"}) {
            Files.createDirectories(src.resolve(d + "/same"));
            Files.writeString(src.resolve(d + "/same/f"), "same");
        }
        Node n = importTree(src);
        Path out = tmp.resolve("out");
        new TreeExporter(blobs, directories, false).exportDirectory(((DirectoryNode) n).digest(), out);
        assertEquals("same", Files.readString(out.resolve("y/same/f")));
        assertTrue(Files.exists(out.resolve("x/same/f"), LinkOption.NOFOLLOW_LINKS));
    }
}
