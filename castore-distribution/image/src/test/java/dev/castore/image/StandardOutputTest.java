package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command does when standard output fails: a reader that goes away ends it quietly, as it
 * ends {@code cat} (exit code 141, nothing on stderr); any other error (a full disk, here
 * {@code /dev/full}) is said, with exit code 1, and never leaves a cut output behind exit code 0.
 */
class StandardOutputTest {

    private static final File FULL = new File("/dev/full");

    @TempDir
    Path tmp;

    private byte[] big;
    private String blob;
    private String tree;

    private Map<String, String> env() {
        return Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
    }

    @BeforeEach
    void storeABlobAndATree() throws Exception {
        big = new byte[8 << 20];
        new SplittableRandom(23).nextBytes(big);
        Path file = Files.write(tmp.resolve("big"), big);
        blob = Image.run(env(), "import", "-q", file.toString()).out().strip();
        Path dir = Files.createDirectories(tmp.resolve("tree"));
        String longName = "a-name-long-enough-that-even-the-nul-separated-paths-fill-a-pipe-";
        for (int i = 0; i < 2_000; i++) { // listings of 140 KB and more, more than a pipe holds
            Files.writeString(dir.resolve(longName + i), "content " + i);
        }
        tree = Image.run(env(), "import", "-q", "--name", "tree", dir.toString()).out().strip();
    }

    /** Runs {@code args}, reads one byte of its output, closes the pipe (as head -c 1 does); its exit code. */
    private int readOneByteAndClose(Path err, String... args) throws Exception {
        Process p = Image.command(env(), args).redirectError(err.toFile()).start();
        try (InputStream out = p.getInputStream()) {
            assertTrue(out.read() >= 0, String.join(" ", args) + " wrote nothing");
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private Image.Result intoAFullDisk(String... args) throws Exception {
        Path err = tmp.resolve("err");
        Process p = Image.command(env(), args).redirectOutput(FULL).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Image.Result(p.exitValue(), "", Files.readString(err));
    }

    @Test
    void aReaderThatGoesAwayEndsTheCommandQuietly() throws Exception {
        for (List<String> args : List.of(List.of("cat", blob), List.of("ls", "-r", tree), List.of("ls", "-r", "--json", tree),
                List.of("ls", "-r", "-0", tree))) {
            Path err = tmp.resolve("err");
            int code = readOneByteAndClose(err, args.toArray(String[]::new));
            assertEquals(141, code, args + ": " + Files.readString(err));
            assertEquals("", Files.readString(err), args.toString());
        }

        Path copy = tmp.resolve("copy");
        Process whole = Image.command(env(), "cat", blob).redirectOutput(copy.toFile()).start();
        assertTrue(whole.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, whole.exitValue());
        assertEquals(-1, Files.mismatch(tmp.resolve("big"), copy));
    }

    @Test
    void aFullDiskIsSaidWithExitCodeOne() throws Exception {
        for (List<String> args : List.of(List.of("ls", "-r", tree), List.of("ls", "--json", tree), List.of("stat", tree),
                List.of("roots"), List.of("ls", "-r", "-0", tree), List.of("cat", blob))) {
            Image.Result r = intoAFullDisk(args.toArray(String[]::new));
            assertEquals(1, r.code(), args + ": " + r.err());
            // Raw bytes fail at the write, in the command; text, once the command is done: both are named.
            assertEquals("castore " + args.get(0) + ": cannot write to standard output: No space left on device",
                    r.err().strip(),
                    args.toString());
        }
    }
}
