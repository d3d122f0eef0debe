package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, copy and imports through the daemon report what they did, counted in the right number. */
class ProgressTest {

    @Test
    void exportAndCopySummariseInTheRightNumber(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(tmp.resolve("src/one"), "1");
        Files.writeString(tmp.resolve("src/sub/two"), "22");
        String digest = Image.run(env, "import", "-q", tmp.resolve("src").toString()).out().strip();

        Image.Result exported = Image.run(env, "export", digest, tmp.resolve("out").toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.err().matches("exported 2 files, 3 B in \\d+\\.\\d s\n"), exported.err());
        Image.Result one = Image.run(env, "export", digest + ":sub", tmp.resolve("out-sub").toString());
        assertTrue(one.err().startsWith("exported 1 file, 2 B in "), one.err());
        Image.Result quiet = Image.run(env, "export", "--no-progress", digest, tmp.resolve("out2").toString());
        assertEquals("", quiet.err());

        Image.Result copied = Image.run(env, "copy", "--to", "objectstore+file://" + tmp.resolve("other"), digest + ":sub");
        assertEquals("copied 1 blob and 1 directory\n", copied.err());
    }

    @Test
    void anImportThroughTheDaemonSaysWhatItSent(@TempDir Path tmp) throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            Path file = Files.writeString(tmp.resolve("f"), "through the daemon");
            Image.Result r = Image.run(Map.of("CASTORE_STORE", daemon.url()), "import", file.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().startsWith("imported 1 file, 18 B in "), r.err());
        }
    }
}
