package dev.castore.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Directories;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree mounted through libfuse on this machine, read with the usual tools (ls, cat, find, dd,
 * du). Without /dev/fuse the tests cannot run and say so; where it exists they run.
 */
class FuseMountTest {

    static final byte[] BIG = Fixtures.randomBytes(9, 3_000_000);

    final MemoryBlobService blobs = new MemoryBlobService();
    final MemoryDirectoryService directories = new MemoryDirectoryService();
    @TempDir
    Path tmp;
    Path mnt;
    Listener mount;
    B3Digest root;

    /** big.bin, run.sh (executable), empty, docs/a.txt, docs/deep/b.txt, docs/none/ (empty), link -> docs/a.txt. */
    @BeforeEach
    void mount() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")),
                "NOT RUN: /dev/fuse is missing on this machine; the FUSE tests need it (and the right to mount)");
        B3Digest big = Blobs.write(blobs, BIG);
        B3Digest a = Blobs.write(blobs, bytes("a\n"));
        B3Digest b = Blobs.write(blobs, bytes("bee\n"));
        B3Digest script = Blobs.write(blobs, bytes("#!/bin/sh\necho hi\n"));
        B3Digest empty = Blobs.write(blobs, new byte[0]);
        Directory deep = Directory.builder().file("b.txt", b, 4, false).build();
        Directory none = Directory.builder().build();
        Directory docs = Directory.builder().file("a.txt", a, 2, false).directory("deep", deep).directory("none", none).build();
        Directory top = Directory.builder().file("big.bin", big, BIG.length, false).file("run.sh", script, 18, true)
                .file("empty", empty, 0, false).directory("docs", docs).symlink("link", "docs/a.txt").build();
        root = Directories.putAll(directories, List.of(deep, none, docs, top));
        mnt = Files.createDirectory(tmp.resolve("mnt"));
        mount = new FuseListenerProvider().listen(ServiceUrl.parse("fuse://" + mnt + "?root=" + root.toHex()), blobs,
                directories);
    }

    @AfterEach
    void unmount() throws IOException {
        if (mount != null) {
            mount.close();
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + mnt + " "), "unmounted");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lsRecursiveShowsTheTree() throws Exception {
        assertEquals(mnt + ":\nbig.bin\ndocs\nempty\nlink\nrun.sh\n\n" + mnt + "/docs:\na.txt\ndeep\nnone\n\n" + mnt
                + "/docs/deep:\nb.txt\n\n" + mnt + "/docs/none:\n", run("ls", "-R", mnt.toString()));
        String long1 = run("ls", "-l", mnt.toString());
        assertTrue(long1.contains("-r-xr-xr-x 1 "), long1);
        assertTrue(long1.contains(" link -> docs/a.txt\n"), long1);
    }

    @Test
    void catReadsFilesAndFollowsSymlinks() throws Exception {
        assertEquals("bee\n", run("cat", mnt + "/docs/deep/b.txt"));
        assertEquals("a\n", run("cat", mnt + "/link"));
        assertEquals("", run("cat", mnt + "/empty"));
        assertArrayEquals(BIG, Files.readAllBytes(mnt.resolve("big.bin")));
        assertEquals("hi\n", run(mnt + "/run.sh"));
    }

    @Test
    void findListsEveryPathWithItsType() throws Exception {
        assertEquals(". d\n./big.bin f\n./docs d\n./docs/a.txt f\n./docs/deep d\n./docs/deep/b.txt f\n./docs/none d\n"
                + "./empty f\n./link l\n./run.sh f\n", runIn(mnt, "sh", "-c", "find . -printf '%p %y\\n' | sort"));
    }

    @Test
    void ddReadsAtRandomOffsets() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            int block = 4096;
            int skip = random.nextInt(BIG.length / block);
            Path out = tmp.resolve("dd" + i);
            run("dd", "if=" + mnt + "/big.bin", "of=" + out, "bs=" + block, "skip=" + skip, "count=3", "status=none");
            int from = skip * block;
            assertArrayEquals(Arrays.copyOfRange(BIG, from, Math.min(BIG.length, from + 3 * block)), Files.readAllBytes(out),
                    "block " + skip);
        }
    }

    @Test
    void duCountsTheTreesBytes() throws Exception {
        long files = BIG.length + 18 + 0 + 2 + 4;
        long links = "docs/a.txt".length();
        assertEquals((files + links) + "\t" + mnt + "\n", run("du", "-sb", mnt.toString()));
    }

    @Test
    void writesAreRefused() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "echo x > " + mnt + "/new").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("Read-only file system"), out);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return runIn(Path.of("."), command);
    }

    private static String runIn(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out + err);
        }
        return out;
    }
}
