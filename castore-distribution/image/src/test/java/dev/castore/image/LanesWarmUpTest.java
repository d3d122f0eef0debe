package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import warms the SIMD BLAKE3 lanes up for the bytes it hashes itself: into a store of its
 * own, and through a daemon as well, since the client hashes what it sends to check the digest the
 * daemon answers. A command that sends no blob (a listing through the daemon) leaves them alone.
 * With {@code castore.blake3.lanes.after=1} one announced byte is worth the warm-up, which is seen
 * in the class log as the lanes' kernel being loaded. (The image hashes with the native BLAKE3 by
 * default: the SIMD one is asked for here.)
 */
class LanesWarmUpTest {

    private static final String KERNEL = "] dev.castore.blake3.vector.SubtreeHasher source: ";

    @Test
    void anImportIntoAStoreOfItsOwnWarmsTheLanesUp(@TempDir Path tmp) throws Exception {
        assertTrue(kernelLoaded(tmp, "memory://"));
    }

    @Test
    void anImportThroughADaemonWarmsTheLanesUpForItsDigestCheck(@TempDir Path tmp) throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of("XDG_DATA_HOME", tmp.resolve("daemon").toString(),
                "CASTORE_BLAKE3", "vector"), "--store", "memory://")) {
            assertTrue(kernelLoaded(tmp, daemon.url()));
        }
    }

    @Test
    void aCommandThatSendsNoBlobLeavesTheLanesAlone(@TempDir Path tmp) throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of("XDG_DATA_HOME", tmp.resolve("daemon").toString(),
                "CASTORE_BLAKE3", "vector"), "--store", "memory://")) {
            Path log = tmp.resolve("classes.log");
            Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_BLAKE3",
                    "vector", "CASTORE_JAVA_OPTS", "-Dcastore.blake3.lanes.after=1 -Xlog:class+load=info:file=" + log),
                    "stat", "--store", daemon.url(), "0".repeat(64));
            assertEquals(3, r.code(), r.err()); // not found: it asked the daemon
            assertFalse(Files.readAllLines(log).stream().anyMatch(l -> l.contains(KERNEL)));
        }
    }

    /** Whether {@code castore import} of a 4 MiB file into {@code store} loaded the lanes' kernel. */
    private static boolean kernelLoaded(Path tmp, String store) throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(7).nextBytes(data);
        Path file = Files.write(tmp.resolve("file"), data);
        Path log = tmp.resolve("classes.log");
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_BLAKE3", "vector",
                "CASTORE_JAVA_OPTS",
                "-Dcastore.blake3.lanes.after=1 -Xlog:class+load=info:file=" + log), "import", "-q", "--store", store,
                file.toString());
        assertEquals(0, r.code(), r.err());
        return Files.readAllLines(log).stream().anyMatch(l -> l.contains(KERNEL));
    }
}
