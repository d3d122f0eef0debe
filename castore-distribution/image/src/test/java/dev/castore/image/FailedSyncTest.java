package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon on the embedded default store whose syncs fail (a C library preloaded into it fails
 * fsync, fdatasync and syncfs with EIO while a flag file exists, as the kernel does when it could
 * not write pages back): the write that met the failure fails with it, the daemon opens its stores
 * again by itself, as after a crash, once the open succeeds, and then takes writes again, with
 * what was stored before the failure intact.
 */
class FailedSyncTest {

    @Test
    void aDaemonWhoseSyncFailedOpensItsStoreAgainAndGoesOn(@TempDir Path tmp) throws Exception {
        Path shim = tmp.resolve("failing-syncs.so");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", shim.toString(),
                Path.of("src/test/c/failing-syncs.c").toAbsolutePath().toString(), "-ldl")
                .redirectErrorStream(true).start();
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), gccOutput);
        Path flag = tmp.resolve("syncs-fail");
        Map<String, String> daemonEnv = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "LD_PRELOAD", shim.toString(), "CASTORE_TEST_FAILING_SYNCS", flag.toString());
        Path tree = Files.createDirectories(tmp.resolve("tree/docs"));
        Files.writeString(tree.resolve("page.txt"), "stored before the failure\n");
        byte[] packed = new byte[64 << 10]; // in a pack file, which the failed sync is of
        new Random(8).nextBytes(packed);
        Files.write(tree.resolve("packed.bin"), packed);
        Path blob = tmp.resolve("blob.bin");
        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(blob, bytes);

        try (ImageDaemon daemon = ImageDaemon.start(daemonEnv, "--readiness-interval", "1")) {
            Map<String, String> client = Map.of("XDG_DATA_HOME", tmp.resolve("client").toString(),
                    "CASTORE_STORE", daemon.url());
            Image.Result before = Image.run(client, "import", "--no-progress", tmp.resolve("tree").toString());
            assertEquals(0, before.code(), before.err());

            Files.createFile(flag);
            Image.Result failed = Image.run(client, "import", "--no-progress", blob.toString());
            assertNotEquals(0, failed.code(), failed.out());
            assertTrue(failed.err().contains("syncing the pack files failed: Input/output error"), failed.err());
            awaitLine(daemon, "WARN opening the stores again, as after a crash: blob 'root' (rocksdb): ");
            Files.delete(flag);
            awaitLine(daemon, "INFO the stores are open again");

            Image.Result after = Image.run(client, "import", "--no-progress", blob.toString());
            assertEquals(0, after.code(), after.err());
            Path out = tmp.resolve("out.bin");
            Image.Result read = Image.run(client, "export", after.digest(), out.toString());
            assertEquals(0, read.code(), read.err());
            assertArrayEquals(bytes, Files.readAllBytes(out));
            Image.Result export = Image.run(client, "export", before.digest(), tmp.resolve("exported").toString());
            assertEquals(0, export.code(), export.err());
            assertEquals("stored before the failure\n", Files.readString(tmp.resolve("exported/docs/page.txt")));
            assertArrayEquals(packed, Files.readAllBytes(tmp.resolve("exported/docs/packed.bin")));
        }
    }

    private static void awaitLine(ImageDaemon daemon, String prefix) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (daemon.laterLines().stream().noneMatch(l -> l.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the daemon did not log '" + prefix + "': " + daemon.laterLines());
            }
            Thread.sleep(100);
        }
    }
}
