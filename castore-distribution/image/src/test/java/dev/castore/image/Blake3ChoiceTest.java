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
 * Every command of the image, and its daemon, hash with the native BLAKE3 (the official C
 * implementation, from the image's lib/), with nothing printed on the terminal; CASTORE_BLAKE3
 * insists on one implementation: native, vector (the SIMD one, without the JVM's incubator
 * warning reaching the user) or portable.
 */
class Blake3ChoiceTest {

    @Test
    void nativeByDefaultInACommand() throws Exception {
        Image.Result r = Image.run(Map.of(), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLAKE3: native (available: native, portable)\n"), r.out());
        assertEquals("", r.err());
        assertTrue(Files.isRegularFile(Image.home().resolve("lib/libcastore-blake3.so")));
    }

    @Test
    void nativeByDefaultInACommandThatMovesDataWithNothingOnStderr(@TempDir Path tmp) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(9).nextBytes(data);
        Path file = Files.write(tmp.resolve("f"), data);
        Image.Result r = Image.run(Map.of("CASTORE_JAVA_OPTS", "-Xlog:class+load=info:file=" + tmp.resolve("classes.log")),
                "import", "-q", "--store", "memory://", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(Files.readAllLines(tmp.resolve("classes.log")).stream()
                .anyMatch(l -> l.contains("] dev.castore.blake3.ffm.NativeBlake3Hasher source: ")));
        assertTrue(Files.readAllLines(tmp.resolve("classes.log")).stream()
                .noneMatch(l -> l.contains("] dev.castore.blake3.vector.")));
    }

    @Test
    void nativeByDefaultInTheDaemon() throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            assertTrue(daemon.firstLine().contains("; BLAKE3: native; listening on "), daemon.firstLine());
        }
    }

    @Test
    void vectorOnRequestInTheDaemonWithoutTheIncubatorWarning() throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of("CASTORE_BLAKE3", "vector"), "--store", "memory://")) {
            assertTrue(daemon.firstLine().contains("; BLAKE3: vector; listening on "), daemon.firstLine());
            assertFalse(daemon.firstLine().contains("incubator"), daemon.firstLine());
        }
    }

    @Test
    void portableOnRequest() throws Exception {
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "portable"), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLAKE3: portable (available: native, portable)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void nativeOnRequest() throws Exception {
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "native"), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLAKE3: native (available: native, portable)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void whatTheJvmAndTheCommandPrintOnStderrStillArrives() throws Exception {
        Image.Result jvm = Image.run(Map.of("CASTORE_JAVA_OPTS", "-XX:+NoSuchOptionAtAll"), "plugins");
        assertEquals(1, jvm.code(), jvm.err());
        assertTrue(jvm.err().contains("Unrecognized VM option 'NoSuchOptionAtAll'"), jvm.err());
        assertFalse(jvm.err().contains("incubator"), jvm.err());

        Image.Result usage = Image.run(Map.of(), "cat", "not-a-digest");
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().startsWith("castore cat: "), usage.err());
        assertFalse(usage.err().contains("incubator"), usage.err());
    }

    @Test
    void everyImplementationHashesTheSameTree(@TempDir Path tmp) throws Exception {
        Image.Result listed = Image.run(Map.of("CASTORE_BLAKE3", "vector"), "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().startsWith("BLAKE3: vector (available: native, vector, portable);"), listed.out());

        // Sizes that take every path of the lanes: one chunk, partial lane groups, several
        // subtrees hashed on all cores.
        Path src = Files.createDirectories(tmp.resolve("src"));
        Random random = new Random(8);
        for (int size : new int[] {0, 1, 1024, 1025, 7 * 1024 + 3, 64 * 1024, 3 * 1024 * 1024 + 17}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Files.write(src.resolve("f" + size), data);
        }
        String vector = importedDigest(tmp.resolve("vector"), "vector", src);
        String portable = importedDigest(tmp.resolve("portable"), "portable", src);
        String nativeDigest = importedDigest(tmp.resolve("native"), "native", src);
        assertEquals(portable, vector);
        assertEquals(portable, nativeDigest);
    }

    @Test
    void vectorWhereItCannotRunIsAClearError() throws Exception {
        // 128-bit AVX only: the lanes would be emulated, so the implementation refuses to run.
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "vector", "CASTORE_JAVA_OPTS", "-XX:UseAVX=1"), "plugins");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("castore: the BLAKE3 implementation 'vector'"), r.err());
        assertTrue(r.err().contains("cannot run here: the processor's vectors have 128 bits, 256 are needed"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void anUnknownChoiceIsAUsageError() throws Exception {
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "simd"), "plugins");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("CASTORE_BLAKE3 is 'simd'; it must be native, vector or portable"), r.err());
    }

    private static String importedDigest(Path data, String blake3, Path src) throws Exception {
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", data.toString(), "CASTORE_BLAKE3", blake3),
                "import", "--no-progress", src.toString());
        assertEquals(0, r.code(), r.err());
        return r.digest();
    }
}
