package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that reads the embedded default store opens it on a second thread while its command
 * line is parsed, and prints what it printed when it opened the store itself; a command line
 * that fails or writes opens it as before.
 */
class OpenAheadTest {

    private static final String OPENED = "Initializing 'dev/castore/store/rocksdb/db/OpenedDatabase'";

    @Test
    void lsAndStatTakeTheStoreOpenedBesideTheCommandLine(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("f1"), "file 1\n");
        Files.writeString(src.resolve("sub/g"), "nested\n");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        String digest = Image.run(env, "import", "-q", "--name", "ahead", src.toString()).out().strip();
        // The same store named by its URL: opened by the command itself, after the command line.
        String url = "rocksdb://" + tmp.resolve("data/castore/rocksdb");

        for (List<String> args : List.of(List.of("ls", digest), List.of("ls", "-r", digest), List.of("stat", digest + ":sub/g"))) {
            Path log = tmp.resolve("init-" + args.getFirst() + args.size() + ".log");
            Files.deleteIfExists(log);
            Image.Result ahead = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                    "CASTORE_JAVA_OPTS", "-Xlog:class+init=info:file=" + log), args.toArray(String[]::new));
            assertEquals(0, ahead.code(), ahead.err());
            String opened = Files.readAllLines(log).stream().filter(l -> l.contains(OPENED)).findFirst().orElseThrow();
            assertTrue(opened.endsWith("by thread \"castore-preload\""), opened);

            List<String> byUrl = new java.util.ArrayList<>(args);
            byUrl.add(1, "--store");
            byUrl.add(2, url);
            Image.Result itself = Image.run(env, byUrl.toArray(String[]::new));
            assertEquals(itself, ahead, String.join(" ", args));
        }
        // A named root is read from the default store's roots as before.
        assertEquals(Image.run(env, "ls", "-r", digest), Image.run(env, "ls", "-r", "ahead"));
    }

    @Test
    void aCommandLineWithoutItsDigestStillFailsAsAUsageError(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals(0, Image.run(env, "import", "-q", file.toString()).code());
        Image.Result r = Image.run(env, "ls");
        assertEquals(2, r.code());
        assertEquals("castore ls: Missing required parameter: 'DIGEST' (see 'castore ls --help')\n", r.err());
        // Nothing was left holding the store.
        assertEquals(0, Image.run(env, "import", "-q", file.toString()).code());
    }
}
