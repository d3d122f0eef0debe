package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's commands on the embedded default store, and the daemon serving it over gRPC. */
class DefaultStoreTest {

    @Test
    void importExportRoundTripAndDaemon(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path src = Files.createDirectories(tmp.resolve("src/sub/empty"));
        Files.writeString(tmp.resolve("src/sub/file.txt"), "content\n");
        Path exe = Files.writeString(tmp.resolve("src/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tmp.resolve("src/link"), Path.of("/nix/store/somewhereelse"));

        Image.Result imported = Image.run(env, "import", tmp.resolve("src").toString());
        assertEquals(0, imported.code(), imported.err());
        String digest = imported.digest();
        assertTrue(Files.isDirectory(tmp.resolve("data/castore")), "data lives under XDG_DATA_HOME/castore");

        Image.Result exported = Image.run(env, "export", digest, tmp.resolve("out").toString());
        assertEquals(0, exported.code(), exported.err());
        assertEquals("content\n", Files.readString(tmp.resolve("out/sub/file.txt")));
        Image.Result again = Image.run(env, "export", digest, tmp.resolve("out").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists (use --force to replace it)"), again.err());
        Image.Result reimported = Image.run(env, "import", "--no-progress", tmp.resolve("out").toString());
        assertEquals(digest, reimported.digest());

        try (ImageDaemon daemon = ImageDaemon.start(env)) {
            assertTrue(daemon.firstLine().contains("data in " + tmp.resolve("data/castore")), daemon.firstLine());
            String url = daemon.url();
            Image.Result listed = Image.run(Map.of(), "ls", "-r", "--blob-service", url, "--directory-service", url, digest);
            assertEquals(0, listed.code(), listed.err());
            assertTrue(listed.out().contains("sub/file.txt"), listed.out());
            assertTrue(listed.out().contains("link -> /nix/store/somewhereelse"), listed.out());
        }
    }

    @Test
    void catStatAndCopySkippingWhatTheTargetHas(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path file = Files.writeString(tmp.resolve("hello.txt"), "hello castore\n");
        String blob = Image.run(env, "import", "--no-progress", file.toString()).digest();
        Image.Result cat = Image.run(env, "cat", blob);
        assertEquals(0, cat.code(), cat.err());
        assertEquals("hello castore\n", cat.out());
        Image.Result stat = Image.run(env, "stat", "blake3-" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(blob)));
        assertEquals(0, stat.code(), stat.err());
        assertTrue(stat.out().contains("size:   14") && stat.out().contains("chunks: 1"), stat.out());

        Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(tmp.resolve("tree/sub/a"), "a");
        String dir = Image.run(env, "import", "--no-progress", tmp.resolve("tree").toString()).digest();
        Image.Result dirStat = Image.run(env, "stat", dir);
        assertTrue(dirStat.out().contains("entries: 1 (1 directory, 0 files, 0 symlinks)"), dirStat.out());
        Image.Result hexAfterPrefix = Image.run(env, "cat", "blake3-" + blob);
        assertEquals(2, hexAfterPrefix.code(), hexAfterPrefix.err());
        assertTrue(hexAfterPrefix.err().contains("a hex digest goes bare, " + blob), hexAfterPrefix.err());
        String target = "objectstore+file://" + tmp.resolve("other");
        Image.Result copied = Image.run(env, "copy", "--to", target, dir);
        assertEquals(0, copied.code(), copied.err());
        assertTrue(copied.err().contains("copied 1 blob and 2 directories"), copied.err());
        Image.Result again = Image.run(env, "copy", "--to", target, dir);
        assertTrue(again.err().contains("the target already has directory"), again.err());
        Image.Result listed = Image.run(Map.of(), "ls", "-r", "--blob-service", target, "--directory-service", target, dir);
        assertTrue(listed.out().contains("sub/a"), listed.out());
    }

    /**
     * A blob or a directory service named alone leaves the default store for the other kind, which
     * a cat or an ls does not use: it is neither loaded (the RocksDB plugin) nor created until a
     * command needs it.
     */
    @Test
    void aCommandOnANamedStoreOfOneKindLeavesTheDefaultStoreAlone(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        String blobs = "objectstore+file://" + tmp.resolve("blobs");
        String directories = "objectstore+file://" + tmp.resolve("directories");
        Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tmp.resolve("tree/hello.txt"), "hello castore\n");
        Image.Result imported = Image.run(env, "import", "--blob-service", blobs, "--directory-service", directories,
                tmp.resolve("tree").toString());
        assertEquals(0, imported.code(), imported.err());

        String blob = Image.run(env, "import", "--blob-service", blobs, "--directory-service", directories,
                tmp.resolve("tree/hello.txt").toString()).digest();
        Image.Result cat = Image.run(env, "cat", "-v", "--blob-service", blobs, blob);
        assertEquals(0, cat.code(), cat.err());
        assertEquals("hello castore\n", cat.out());
        assertTrue(cat.err().contains("plugin objectstore"), cat.err());
        assertFalse(cat.err().contains("rocksdb"), cat.err());

        Image.Result listed = Image.run(env, "ls", "-v", "--directory-service", directories, imported.digest());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("hello.txt"), listed.out());
        assertFalse(listed.err().contains("rocksdb"), listed.err());
        assertTrue(Files.notExists(tmp.resolve("data/castore")), "the default store's data directory is not made");

        Files.writeString(tmp.resolve("tree/more.txt"), "more");
        Image.Result again = Image.run(env, "import", "--blob-service", blobs, tmp.resolve("tree").toString());
        assertEquals(0, again.code(), again.err());
        Image.Result fromDefault = Image.run(env, "ls", "--blob-service", blobs, again.digest());
        assertEquals(0, fromDefault.code(), fromDefault.err());
        assertTrue(fromDefault.out().contains("more.txt"), fromDefault.out());
        assertTrue(Files.isDirectory(tmp.resolve("data/castore")), "directories went to the default store");
    }

    @Test
    void aStoreInThePreviousDefaultLayoutStillWorksAndTheCommandSaysHowToMoveIt(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path data = tmp.resolve("data/castore");
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(src.resolve("file"), "kept in the old layout\n");
        String previous = "objectstore+file://" + data;
        String digest = Image.run(Map.of(), "import", "--no-progress", "--blob-service", previous,
                "--directory-service", previous, tmp.resolve("src").toString()).digest();

        Image.Result listed = Image.run(env, "ls", "-r", digest);
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("sub/file"), listed.out());
        assertEquals(1, listed.err().strip().lines().count(), listed.err());
        String move = "castore copy --from " + previous + " --to rocksdb://" + data.resolve("rocksdb") + " DIGEST";
        assertTrue(listed.err().contains("holds a store of the previous default layout") && listed.err().contains(move),
                listed.err());

        Image.Result copied = Image.run(env, "copy", "--from", previous, "--to", "rocksdb://" + data.resolve("rocksdb"), digest);
        assertEquals(0, copied.code(), copied.err());
        Image.Result fromNew = Image.run(env, "ls", "-r", digest);
        assertEquals(0, fromNew.code(), fromNew.err());
        assertEquals("", fromNew.err(), "the new store is the default now: no notice");
        assertTrue(fromNew.out().contains("sub/file"), fromNew.out());
    }

    @Test
    void withoutPluginsTheDefaultSaysWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-plugins"));
        Image.Result r = Image.run(Map.of("CASTORE_PLUGINS", empty.toString(), "XDG_DATA_HOME", tmp.toString()), "daemon");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("needs the grpc plugin"), r.err());
    }

    @Test
    void aDefaultStoreThatCannotBeMadeSaysWhereAndWhatToSet(@TempDir Path tmp) throws Exception {
        // A data home under a file cannot be made, whoever runs the test (root too), as a HOME that does not exist.
        Path file = Files.writeString(tmp.resolve("file"), "not a directory");
        Path src = Files.writeString(tmp.resolve("a.txt"), "some bytes");
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", file.resolve("data").toString()), "import", "-q", src.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().strip().matches("castore import: the embedded default store's directory "
                + java.util.regex.Pattern.quote(file.resolve("data/castore").toString()) + " cannot be made \\(.*"
                + java.util.regex.Pattern.quote(file.toString()) + ".*\\); set XDG_DATA_HOME, or name a store with --store"),
                r.err());
        assertEquals("not a directory", Files.readString(file));
    }
}
