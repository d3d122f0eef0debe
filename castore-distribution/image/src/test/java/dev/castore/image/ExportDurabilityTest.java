package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A completed export survives a crash: the system calls of castore export, traced with strace,
 * flush the staged tree (syncfs) before the rename that makes it DEST, and DEST's parent (fsync)
 * after it.
 */
class ExportDurabilityTest {

    @Test
    void exportSyncsTheTreeBeforeTheFinalRenameAndTheParentAfterIt(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(tmp.resolve("src/sub/file.txt"), "content\n");
        Image.Result imported = Image.run(env, "import", "--no-progress", tmp.resolve("src").toString());
        assertEquals(0, imported.code(), imported.err());
        Matcher m = Pattern.compile("digest: ([0-9a-f]{64})").matcher(imported.out());
        assertTrue(m.find(), imported.out());

        Path trace = tmp.resolve("trace.txt");
        ProcessBuilder pb = Image.command(env, "export", m.group(1), tmp.resolve("out").toString());
        List<String> traced = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString(), "-e",
                "trace=syncfs,fsync,renameat,renameat2"));
        traced.addAll(pb.command());
        Process p = pb.command(traced).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "export under strace did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log.txt")));
        assertEquals("content\n", Files.readString(tmp.resolve("out/sub/file.txt")));

        List<String> calls = Files.readAllLines(trace, StandardCharsets.UTF_8);
        int rename = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).matches(".*renameat2?\\(.*\"out\".*= 0")) {
                rename = i;
            }
        }
        assertTrue(rename > 0, "the final rename to out: " + calls);
        int lastSyncfs = -1;
        for (int i = 0; i < rename; i++) {
            if (calls.get(i).matches(".*syncfs\\(\\d+\\)\\s+= 0")) {
                lastSyncfs = i;
            }
        }
        assertTrue(lastSyncfs >= 0, "syncfs before the rename: " + calls);
        assertTrue(calls.subList(rename + 1, calls.size()).stream().anyMatch(c -> c.matches(".*fsync\\(\\d+\\)\\s+= 0")),
                "fsync of the parent after the rename: " + calls);
    }
}
