package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code castore import --archive} from the image: the tar plugin is listed and found, and the
 * root of every compressed form equals what {@code castore import} gives for the tree GNU tar
 * extracts the same archive to.
 */
class ArchiveImportTest {

    @Test
    void anArchiveImportsToTheDigestOfItsExtractedTree(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path src = tree(tmp.resolve("src"));
        for (String compression : List.of("--no-auto-compress", "--gzip", "--zstd", "--xz")) {
            Path archive = tmp.resolve("a" + compression + ".tar");
            run("tar", "--format=pax", compression, "-cf", archive.toString(), "-C", src.toString(), ".");
            Path extracted = Files.createDirectory(tmp.resolve("x" + compression));
            run("tar", "-xf", archive.toString(), "-C", extracted.toString());
            String expected = Image.run(env, "import", "--no-progress", extracted.toString()).digest();
            assertEquals(expected, Image.run(env, "import", "--archive", archive.toString()).digest(), compression);
        }
    }

    @Test
    void anArchiveStreamsFromStandardInput(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path src = tree(tmp.resolve("src"));
        Path archive = tmp.resolve("a.tar.zst");
        run("tar", "--zstd", "-cf", archive.toString(), "-C", src.toString(), ".");
        Process p = Image.command(env, "import", "--archive", "-").redirectInput(archive.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Path extracted = Files.createDirectory(tmp.resolve("x"));
        run("tar", "-xf", archive.toString(), "-C", extracted.toString());
        assertEquals(Image.run(env, "import", "--no-progress", extracted.toString()).digest(),
                new Image.Result(0, out, "").digest());
        assertTrue(out.startsWith("-\n  kind:   directory\n"), out);
    }

    @Test
    void aDeviceEntryIsRefusedByNameAndNothingIsPrinted(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("dev.tar");
        // A character device entry, as tar writes it for /dev/null (needs no privileges to archive).
        run("tar", "--format=gnu", "-cf", archive.toString(), "-C", "/", "dev/null");
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "import", "--archive",
                archive.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("castore import: archive entry 'dev/null': a character device; castore stores only regular files,"
                + " directories and symlinks\n", r.err());
    }

    private static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("sub/empty"));
        Files.writeString(root.resolve("sub/a.txt"), "a\n");
        Path tool = Files.writeString(root.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createLink(root.resolve("tool-again"), tool);
        Files.createSymbolicLink(root.resolve("link"), Path.of("sub/a.txt"));
        Files.writeString(root.resolve("sub/" + "long-name-".repeat(20)), "pax\n");
        byte[] big = new byte[5 << 20];
        new Random(3).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        return root;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
