package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castore mount} from the image: the tree is readable while it runs and unmounted on SIGTERM. */
class MountTest {

    @Test
    void aMountPointThatIsMissingOrAFileIsSaidSo(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("top.txt"), "top\n");
        String digest = Image.run(env, "import", "-q", tmp.resolve("src").toString()).out().strip();
        Image.Result missing = Image.run(env, "mount", digest, tmp.resolve("mnt").toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("mount point " + tmp.resolve("mnt") + " does not exist: make the directory first"),
                missing.err());
        Image.Result onAFile = Image.run(env, "mount", digest, file.toString());
        assertEquals(1, onAFile.code(), onAFile.err());
        assertTrue(onAFile.err().contains("mount point " + file + " is not a directory"), onAFile.err());
    }

    @Test
    void aMountedTreeIsReadableAndSigtermUnmountsIt(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")),
                "NOT RUN: /dev/fuse is missing on this machine; castore mount needs it");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Files.createDirectories(tmp.resolve("src/docs"));
        Files.writeString(tmp.resolve("src/docs/page.txt"), "a page\n");
        Files.writeString(tmp.resolve("src/top.txt"), "top\n");
        Image.Result imported = Image.run(env, "import", "--no-progress", tmp.resolve("src").toString());
        String digest = imported.digest();
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        Process mount = Image.command(env, "mount", digest, mnt.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(mount.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(String.valueOf(line).contains("listening on fuse://" + mnt), line);
            assertTrue(line.startsWith("INFO castore mount: "), line);
            assertEquals("a page\n", Files.readString(mnt.resolve("docs/page.txt")));
            assertEquals("11\t" + mnt + "\n", output("du", "-sb", mnt.toString()));
        } finally {
            mount.destroy();
            assertTrue(mount.waitFor(20, TimeUnit.SECONDS), "castore mount stops on SIGTERM");
        }
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + mnt + " "), "unmounted");
        try (var left = Files.list(mnt)) {
            assertEquals(0, left.count(), "the mount point is empty again");
        }
    }

    @Test
    void aStoreThatFailsIsAnIoErrorAndALineNowAndThenInTheLog(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")),
                "NOT RUN: /dev/fuse is missing on this machine; castore mount needs it");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("top.txt"), "top\n");
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        ImageDaemon mount;
        try (ImageDaemon daemon = ImageDaemon.start(env)) {
            String digest = Image.run(env, "import", "--no-progress", "--store", daemon.url(),
                    tmp.resolve("src").toString()).digest();
            mount = ImageDaemon.mount(env, "--store", daemon.url(), digest, mnt.toString());
            assertEquals("fuse://" + mnt, mount.url());
            try (var listed = Files.list(mnt)) { // closed: an open directory would keep the mount busy
                assertEquals(List.of(mnt.resolve("top.txt")), listed.toList());
            }
        } // the daemon, the mount's store, is gone
        try (mount) {
            for (int i = 0; i < 20; i++) {
                IOException e = assertThrows(IOException.class, () -> Files.readString(mnt.resolve("top.txt")));
                assertTrue(String.valueOf(e.getMessage()).contains("Input/output error"), e.getMessage());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (failures(mount).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        List<String> failures = failures(mount);
        assertTrue(!failures.isEmpty() && failures.size() <= 2, "20 failed opens: " + failures);
        assertTrue(failures.getFirst().startsWith("WARN open failed: read of blob "), failures.getFirst());
    }

    private static List<String> failures(ImageDaemon mount) {
        return mount.laterLines().stream().filter(l -> l.contains("failed")).toList();
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
        return out;
    }
}
