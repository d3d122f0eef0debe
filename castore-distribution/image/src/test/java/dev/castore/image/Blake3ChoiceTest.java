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
 * The image's daemon, and the commands that move data, hash with the SIMD BLAKE3 where the
 * processor can, without the JVM's incubator warning reaching the user; the commands that list,
 * which never hash enough for the lanes to pay, with the portable one; CASTORE_BLAKE3 insists on
 * one implementation.
 */
class Blake3ChoiceTest {

    @Test
    void portableByDefaultInACommand() throws Exception {
        Image.Result r = Image.run(Map.of(), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLAKE3: portable (available: portable)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void vectorByDefaultInTheDaemonWithoutTheIncubatorWarning() throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            assertTrue(daemon.firstLine().contains("; BLAKE3: vector; listening on "), daemon.firstLine());
            assertFalse(daemon.firstLine().contains("incubator"), daemon.firstLine());
        }
    }

    @Test
    void portableOnRequest() throws Exception {
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "portable"), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("BLAKE3: portable (available: portable)\n"), r.out());
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
    void vectorOnRequestHashesTheSameTree(@TempDir Path tmp) throws Exception {
        Image.Result listed = Image.run(Map.of("CASTORE_BLAKE3", "vector"), "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().startsWith("BLAKE3: vector (available: vector, portable);"), listed.out());

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
        assertEquals(portable, vector);
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
        Image.Result r = Image.run(Map.of("CASTORE_BLAKE3", "native"), "plugins");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("CASTORE_BLAKE3 is 'native'; it must be portable or vector"), r.err());
    }

    private static String importedDigest(Path data, String blake3, Path src) throws Exception {
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", data.toString(), "CASTORE_BLAKE3", blake3),
                "import", "--no-progress", src.toString());
        assertEquals(0, r.code(), r.err());
        return r.digest();
    }
}
