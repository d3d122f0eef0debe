package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** castore import and its files cache, which only saves time: an import never fails for it. */
class FilesCacheCommandTest {

    @TempDir
    Path tmp;

    @Test
    void anImportWhoseFilesCacheCannotBeKeptSucceedsWithAWarning() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a"), "a file");
        // A cache directory under a file cannot be made, whoever runs the test (root too).
        Path notADirectory = Files.writeString(tmp.resolve("cache"), "a file where the cache should go");
        Map<String, String> env = Map.of("CASTORE_PLUGINS", "/nonexistent", "XDG_CACHE_HOME", notADirectory.toString());

        Cli.Result r = Cli.run(env, "import", "-q", "--blob-service", "memory://", "--directory-service", "memory://",
                tree.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Cli.run(Map.of("CASTORE_PLUGINS", "/nonexistent"), "import", "-q", "--no-files-cache",
                "--blob-service", "memory://", "--directory-service", "memory://", tree.toString()).out(), r.out());
        assertEquals(64 + 1, r.out().length(), r.out());
        assertTrue(r.err().startsWith("castore import: the files cache cannot be kept ("), r.err());
        assertTrue(r.err().strip().endsWith("); the next import reads every file again (set XDG_CACHE_HOME, or"
                + " --no-files-cache does without it)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
