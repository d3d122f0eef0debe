package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.castore.api.internal.hash.PortableBlake3Provider;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against the native {@code b3sum} of the BLAKE3 team (Debian package
 * {@code b3sum}). It fails, rather than skips, without {@code b3sum}: an unchecked hash would
 * silently break content addressing.
 */
class Blake3B3sumTest {

    @TempDir
    Path dir;

    @Test
    void portableAgreesWithB3sumOnRandomInputsAndSplits() throws Exception {
        Random random = new Random(0xB3);
        for (int round = 0; round < 40; round++) {
            byte[] input = new byte[lengthNearChunkBoundaries(random)];
            random.nextBytes(input);
            String expected = b3sum(input);
            String context = "length " + input.length;
            assertEquals(expected, new PortableBlake3Provider().newHasher().update(input).digest().toHex(), context);
            assertEquals(expected,
                    Blake3Test.updateInRandomSplits(new PortableBlake3Provider().newHasher(), input, random).toHex(),
                    context);
            assertEquals(expected, Blake3.hash(input).toHex(), context);
            assertEquals(expected, new PortableBlake3Provider().hash(ByteBuffer.wrap(input)).toHex(), context);
        }
    }

    /** Up to a few MiB, most of them within one byte of a multiple of 1 KiB (a chunk). */
    static int lengthNearChunkBoundaries(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3 * 1024);
            case 1 -> 1024 * (1 + random.nextInt(64)) + random.nextInt(3) - 1;
            case 2 -> 1024 * (1 << random.nextInt(12)) + random.nextInt(3) - 1;
            default -> random.nextInt(4 << 20);
        };
    }

    /** The hex digest that {@code b3sum --no-names} prints for {@code input}. */
    String b3sum(byte[] input) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("input"), input);
        Process process;
        try {
            process = new ProcessBuilder(b3sumExecutable(), "--no-names", file.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not run b3sum: " + e.getMessage() + "; install it with `apt-get install b3sum`", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("b3sum failed on " + input.length + " bytes: " + output);
        }
        return output;
    }

    private static String b3sumExecutable() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "b3sum");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("b3sum not found on PATH: the BLAKE3 differential test needs the native b3sum;"
                + " install it with `apt-get install b3sum`");
    }
}
