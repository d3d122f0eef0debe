package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read open the embedded default store read-only: they write none of its
 * files, share it with each other, and keep a writer out while they read (as a writer keeps them
 * out, see {@link CrashTest}).
 */
class ReadersTest {

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
    }

    /** The store's files, RocksDB's info logs included (a read-only open logs elsewhere). */
    private List<String> storeFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("data/castore/rocksdb"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void listingReadingAndExportingWriteNoFileOfTheStore() throws Exception {
        Path src = tmp.resolve("src");
        Files.writeString(Files.createDirectories(src.resolve("sub")).resolve("f"), "content\n");
        String digest = Image.run(env(), "import", "-q", "--name", "tree", src.toString()).out().strip();
        List<String> before = storeFiles();
        for (String[] args : List.of(new String[] {"ls", "-r", digest}, new String[] {"ls", "tree"},
                new String[] {"stat", "tree:sub/f"}, new String[] {"cat", "tree:sub/f"},
                new String[] {"export", "tree", tmp.resolve("out").toString()},
                new String[] {"copy", "--to", "memory://", digest})) {
            Image.Result r = Image.run(env(), args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        }
        assertEquals("content\n", Files.readString(tmp.resolve("out/sub/f")));
        assertEquals(before, storeFiles());
    }

    @Test
    void whileOneCommandReadsAnotherReadsTooAndAnImportIsToldTheStoreIsInUse() throws Exception {
        byte[] big = new byte[4 << 20];
        new SplittableRandom(19).nextBytes(big);
        Path file = Files.write(tmp.resolve("big"), big);
        String blob = Image.run(env(), "import", "-q", file.toString()).out().strip();
        String tree = Image.run(env(), "import", "-q", Files.createDirectories(tmp.resolve("tree")).toString())
                .out().strip();

        // cat blocks on its full pipe, holding the store open, until the test reads on.
        Process cat = Image.command(env(), "cat", blob).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream out = cat.getInputStream()) {
            assertEquals(big[0] & 0xff, out.read(), "cat streams the blob");

            Image.Result listed = Image.run(env(), "ls", tree);
            assertEquals(0, listed.code(), listed.err());
            Image.Result imported = Image.run(env(), "import", "-q", file.toString());
            assertEquals(1, imported.code(), imported.out());
            assertEquals("castore import: instantiation of blob service 'root' failed: the store "
                    + tmp.resolve("data/castore/rocksdb") + " is in use by another process (a castore daemon?);"
                    + " stop it, or reach the store through it with grpc+http://HOST:PORT",
                    imported.err().strip());

            byte[] rest = out.readAllBytes();
            assertEquals(big.length - 1, rest.length);
        }
        assertTrue(cat.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cat.exitValue());
        Image.Result after = Image.run(env(), "import", "-q", file.toString());
        assertEquals(0, after.code(), after.err());
        assertEquals(blob, after.out().strip());
    }

    @Test
    void aCommandThatReadsCreatesNoStore() throws Exception {
        String digest = "ab".repeat(32);
        Path missing = tmp.resolve("no/such/store");
        for (String scheme : List.of("rocksdb://", "objectstore+file://")) {
            Image.Result named = Image.run(env(), "cat", "--store", scheme + missing, digest);
            assertEquals(3, named.code(), named.err());
            assertEquals(List.of("WARN there is no store at " + missing + " (no such directory); it is read as empty"
                    + " (a command that only reads creates none)",
                    "castore cat: blob " + digest + " is not in the blob service"), named.err().strip().lines().toList());
            assertFalse(Files.exists(tmp.resolve("no")), scheme);
        }

        for (String command : List.of("ls", "cat", "stat")) {
            Image.Result fresh = Image.run(env(), command, digest);
            assertEquals(3, fresh.code(), command + ": " + fresh.err());
            assertTrue(fresh.err().startsWith("WARN there is no store at " + tmp.resolve("data/castore/rocksdb")), fresh.err());
        }
        assertFalse(Files.exists(tmp.resolve("data")));
    }

    @Test
    void aStoreIsMadeOnlyInANewOrEmptyDirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("file.txt"), "some text");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "my notes");
        Image.Result among = Image.run(env(), "import", "-q", "--store", "rocksdb://" + home, file.toString());
        assertEquals(1, among.code(), among.err());
        assertEquals("castore import: instantiation of blob service 'root' failed: there is no store at " + home
                + ", and it holds other files (notes.txt): a store is made only in a new or empty directory; name one",
                among.err().strip());
        try (Stream<Path> s = Files.list(home)) {
            assertEquals(List.of(home.resolve("notes.txt")), s.toList());
        }

        Image.Result onAFile = Image.run(env(), "import", "-q", "--store", "rocksdb://" + file, file.toString());
        assertEquals(1, onAFile.code(), onAFile.err());
        assertTrue(onAFile.err().contains("there is no store at " + file + ", and it is not a directory"), onAFile.err());
        assertEquals("some text", Files.readString(file));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Image.Result made = Image.run(env(), "import", "-q", "--store", "rocksdb://" + empty, file.toString());
        assertEquals(0, made.code(), made.err());
        assertTrue(Files.isRegularFile(empty.resolve("CURRENT")));
    }

    /**
     * A store that another user owns (read-only for this one) is read and left as it is, and a
     * write into it says why it fails. As root, which no permission stops, the reader runs as
     * nobody (setpriv); as any other user, the store is made read-only for the test.
     */
    @Test
    void aStoreThatThisUserMayNotWriteIsReadAndAWriteSaysWhy() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "a file\n");
        String tree = Image.run(env(), "import", "-q", src.toString()).out().strip();
        Path store = tmp.resolve("data/castore/rocksdb");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> prefix = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
        List<Path> readOnly = root ? List.of() : List.of(store, store.resolve("packs"));
        if (root) {
            // The test's directories down to the store, made traversable for nobody (the temporary
            // directory itself is the test's own; what is above it is left alone).
            for (Path p = store; p.startsWith(tmp); p = p.getParent()) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        for (Path p : readOnly) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Map<String, String> before = filesWithTimes(store);
            Image.Result listed = asOther(prefix, "ls", "-r", tree);
            assertEquals(0, listed.code(), listed.err());
            assertTrue(listed.out().contains(" a.txt"), listed.out());
            assertEquals(before, filesWithTimes(store), "a reader writes nothing in the store, its info log included");

            Image.Result imported = asOther(prefix, "import", "-q", "--no-files-cache", src.toString());
            assertEquals(1, imported.code(), imported.err());
            assertTrue(imported.err().contains("permission denied: this user may not write to the store " + store), imported.err());
            assertTrue(imported.err().strip().endsWith("the commands that only read (ls, cat, stat, export) can read it"),
                    imported.err());
            // RocksDB's message then ends in the C library's German words ("Keine Berechtigung").
            Image.Result german = asOther(prefix, Map.of("LC_ALL", "de_DE.UTF-8"), "import", "-q", "--no-files-cache",
                    src.toString());
            assertEquals(1, german.code(), german.err());
            assertTrue(german.err().contains("permission denied: this user may not write to the store " + store), german.err());
        } finally {
            for (Path p : readOnly) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private Image.Result asOther(List<String> prefix, String... args) throws Exception {
        return asOther(prefix, Map.of(), args);
    }

    private Image.Result asOther(List<String> prefix, Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder pb = Image.command(env(), args);
        pb.environment().putAll(environment);
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(pb.command());
        return Image.run(pb.command(command), 60);
    }

    private static Map<String, String> filesWithTimes(Path store) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(store)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.size(p) + " bytes, " + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
