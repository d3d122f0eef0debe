package dev.castore.blake3.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VectorBlake3Test {

    private static final VectorBlake3Provider VECTOR = new VectorBlake3Provider();
    private static final Blake3Provider PORTABLE = Blake3.providers().stream()
            .filter(p -> p.name().equals("portable"))
            .findFirst()
            .orElseThrow();

    /**
     * The official BLAKE3 test vectors, hash mode, first 32 bytes of the output: from
     * test_vectors/test_vectors.json of github.com/BLAKE3-team/BLAKE3. The input of length n is
     * the bytes i mod 251.
     */
    static Stream<Arguments> officialVectors() {
        return Stream.of(
                Arguments.of(0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"),
                Arguments.of(1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"),
                Arguments.of(1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"),
                Arguments.of(1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"),
                Arguments.of(1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"),
                Arguments.of(2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"),
                Arguments.of(2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"),
                Arguments.of(3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"),
                Arguments.of(3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"),
                Arguments.of(4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"),
                Arguments.of(4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"),
                Arguments.of(5120, "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833"),
                Arguments.of(5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"),
                Arguments.of(6144, "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205"),
                Arguments.of(6145, "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f"),
                Arguments.of(7168, "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a"),
                Arguments.of(7169, "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817"),
                Arguments.of(8192, "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63"),
                Arguments.of(8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"),
                Arguments.of(16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"),
                Arguments.of(31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"),
                Arguments.of(102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"));
    }

    static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    @Test
    void isAvailableAndChosenByTheFacade() {
        assertTrue(VECTOR.isAvailable());
        assertEquals("vector", Blake3.implementationName());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void hasherMatchesTheOfficialVectors(int length, String expected) {
        assertEquals(expected, VECTOR.newHasher().update(pattern(length)).digest().toHex());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void oneShotMatchesTheOfficialVectors(int length, String expected) {
        assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(pattern(length))).toHex());
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(pattern(length)).flip();
        assertEquals(expected, VECTOR.hash(direct).toHex());
        assertEquals(length, direct.position());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void hasherMatchesTheOfficialVectorsByteByByte(int length, String expected) {
        byte[] input = pattern(length);
        Blake3Hasher hasher = VECTOR.newHasher();
        for (int i = 0; i < length; i++) {
            hasher.update(input, i, 1);
        }
        assertEquals(expected, hasher.digest().toHex());
    }

    @Test
    void specDigestOfAMegabyte() {
        byte[] big = new byte[255 * 4096];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 255);
        }
        String expected = "a82c5154a7a0c262c6fdb929a317585646f8fbcf80326d0a7b8747edaf2d99d2";
        assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(big)).toHex());
        assertEquals(expected, VECTOR.newHasher().update(big).digest().toHex());
        assertEquals(expected, Blake3.hash(big).toHex());
    }

    @Test
    void agreesWithPortableOnRandomInputsAndSplits() {
        Random random = new Random(0x5EED);
        for (int round = 0; round < 150; round++) {
            byte[] input = new byte[randomLength(random)];
            random.nextBytes(input);
            B3Digest expected = PORTABLE.newHasher().update(input).digest();
            String context = "length " + input.length;
            assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(input)), context);
            assertEquals(expected, VECTOR.newHasher().update(input).digest(), context);
            assertEquals(expected, updateInRandomSplits(VECTOR.newHasher(), input, random), context);
        }
    }

    @Test
    void digestLeavesTheStateSoMoreInputCanFollow() {
        byte[] input = pattern(300_000);
        Blake3Hasher hasher = VECTOR.newHasher();
        for (int cut : new int[] {0, 1, 1024, 1025, 8192, 65536, 131073, 299_999, 300_000}) {
            hasher.reset().update(input, 0, cut);
            assertEquals(PORTABLE.newHasher().update(input, 0, cut).digest(), hasher.digest(), "cut " + cut);
            hasher.update(input, cut, input.length - cut);
            assertEquals(PORTABLE.newHasher().update(input).digest(), hasher.digest(), "cut " + cut);
        }
    }

    /**
     * Every count of whole chunks up to three lane groups, with and without a byte more, after a
     * first update that leaves the chunk counter at every offset within a group: the partial
     * lane groups at the end of an input and at an unaligned counter.
     */
    @Test
    void partialLaneGroupsAtTheEndAndAtUnalignedCounters() {
        byte[] input = pattern(40 * 1024 + 1);
        for (int chunks = 1; chunks <= 3 * LaneCompression.LANES; chunks++) {
            for (int extra : new int[] {0, 1}) {
                int length = chunks * 1024 + extra;
                B3Digest expected = PORTABLE.newHasher().update(input, 0, length).digest();
                assertEquals(expected, VECTOR.hash(ByteBuffer.wrap(input, 0, length)), "length " + length);
                for (int first = 0; first <= Math.min(chunks, LaneCompression.LANES); first++) {
                    B3Digest split = VECTOR.newHasher()
                            .update(input, 0, first * 1024)
                            .update(input, first * 1024, length - first * 1024)
                            .digest();
                    assertEquals(expected, split, "length " + length + ", first update " + first + " chunks");
                }
            }
        }
    }

    /** Lengths around chunk boundaries and powers of two, up to a few MiB. */
    static int randomLength(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3000);
            case 1 -> 1024 * (1 + random.nextInt(300)) + random.nextInt(3) - 1;
            case 2 -> 1024 * (1 << random.nextInt(12)) + random.nextInt(3) - 1;
            default -> random.nextInt(3 << 20);
        };
    }

    /** Feeds {@code input} in pieces of random sizes, some empty, via arrays and buffers. */
    static B3Digest updateInRandomSplits(Blake3Hasher hasher, byte[] input, Random random) {
        int pos = 0;
        while (pos < input.length) {
            int maxPiece = switch (random.nextInt(3)) {
                case 0 -> 70;
                case 1 -> 5000;
                default -> 300_000;
            };
            int n = Math.min(input.length - pos, random.nextInt(maxPiece));
            switch (random.nextInt(3)) {
                case 0 -> hasher.update(input, pos, n);
                case 1 -> hasher.update(ByteBuffer.wrap(input, pos, n));
                default -> hasher.update(ByteBuffer.allocateDirect(n).put(input, pos, n).flip());
            }
            pos += n;
        }
        return hasher.digest();
    }
}
