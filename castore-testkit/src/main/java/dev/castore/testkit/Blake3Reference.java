package dev.castore.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a BLAKE3 implementation is checked against: the official test vectors, and the native
 * {@code b3sum} (Debian's package b3sum, which {@code ./run-tests} installs).
 */
public final class Blake3Reference {

    /** An official test vector: the digest of {@link #pattern(int) pattern(length)}. */
    public record Vector(int length, String hex) {}

    /**
     * The official BLAKE3 test vectors, hash mode, first 32 bytes of the output: from
     * test_vectors/test_vectors.json of github.com/BLAKE3-team/BLAKE3.
     */
    public static final List<Vector> OFFICIAL_VECTORS = List.of(
            new Vector(0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"),
            new Vector(1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"),
            new Vector(1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"),
            new Vector(1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"),
            new Vector(1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"),
            new Vector(2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"),
            new Vector(2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"),
            new Vector(3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"),
            new Vector(3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"),
            new Vector(4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"),
            new Vector(4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"),
            new Vector(5120, "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833"),
            new Vector(5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"),
            new Vector(6144, "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205"),
            new Vector(6145, "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f"),
            new Vector(7168, "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a"),
            new Vector(7169, "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817"),
            new Vector(8192, "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63"),
            new Vector(8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"),
            new Vector(16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"),
            new Vector(31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"),
            new Vector(102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"));

    private Blake3Reference() {}

    /** The input of the official vectors: the bytes 0, 1, ..., 250, 0, 1, ... (i mod 251). */
    public static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    /**
     * The hex digest that {@code b3sum --no-names} prints for {@code input}, written to a file in
     * {@code dir}. Fails the test, saying how to install it, if b3sum is not on the PATH.
     */
    public static String b3sum(byte[] input, Path dir) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve("b3sum-input"), input);
        Process process = new ProcessBuilder(b3sumExecutable(), "--no-names", file.toString())
                .redirectErrorStream(true)
                .start();
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
        return fail("b3sum not found on PATH: the BLAKE3 differential tests need the native b3sum;"
                + " install it with `apt-get install b3sum`");
    }
}
