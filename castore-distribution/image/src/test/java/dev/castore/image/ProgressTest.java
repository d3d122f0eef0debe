package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        Process daemon = Image.command(Map.of(), "daemon", "--store", "memory://", "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("listening on (grpc\\+http://\\S+)").matcher(line);
            assertTrue(m.find(), line);
            Path file = Files.writeString(tmp.resolve("f"), "through the daemon");
            Image.Result r = Image.run(Map.of("CASTORE_STORE", m.group(1)), "import", file.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().startsWith("imported 1 file, 18 B in "), r.err());
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
