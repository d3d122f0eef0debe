package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digests of imported trees equal those of the spec's fixtures, which tvix and snix compute. */
class ImportKnownAnswerTest {

    private static final String MEMORY = "memory://";

    @Test
    void directoryWithKeepFileHasTheSpecDigest(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createFile(root.resolve(".keep"));
        Cli.Result r = Cli.run("import", "--no-progress", "--blob-service", MEMORY, "--directory-service", MEMORY, root.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("digest: 8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e"), r.out());
        B3Digest d = B3Digest.fromHex("8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e");
        assertTrue(r.out().contains("tvix:   " + d.toTvixString()), r.out());
        assertTrue(r.out().contains("snix:   " + d.toSnixString()), r.out());
        assertTrue(r.out().contains("kind:   directory"), r.out());
    }

    @Test
    void complicatedDirectoryHasTheSpecDigestAndSize(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("complicated"));
        Files.createDirectory(root.resolve("keep"));
        Files.createFile(root.resolve("keep/.keep"));
        Files.createFile(root.resolve(".keep"));
        Files.createSymbolicLink(root.resolve("aa"), Path.of("/nix/store/somewhereelse"));
        Cli.Result r = Cli.run("import", "--no-progress", "--blob-service", MEMORY, "--directory-service", MEMORY, root.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("digest: 424a7f6ce08d805d15b428062faae96299a1675d708c3a39261afe38cdd04feb"), r.out());
        // tvix: 3 entries (x2) plus the child's size (2): 8.
        assertTrue(r.out().contains("size:   8"), r.out());
    }

    @Test
    void aSingleFileImportsAsAFileNode(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("hello"), "Hello World!");
        Cli.Result r = Cli.run("import", "--no-progress", "--blob-service", MEMORY, "--directory-service", MEMORY, f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kind:   file"), r.out());
        assertTrue(r.out().contains("size:   12"), r.out());
        String expected = dev.castore.api.digest.Blake3.hash("Hello World!".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toHex();
        assertTrue(r.out().contains("digest: " + expected), r.out());
    }
}
