package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.internal.hash.PortableBlake3Provider;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Blake3Test {

    private static final Blake3Provider PORTABLE = new PortableBlake3Provider();

    /**
     * The official BLAKE3 test vectors, hash mode, first 32 bytes of the output: from
     * test_vectors/test_vectors.json of github.com/BLAKE3-team/BLAKE3. The input of length n is
     * the bytes 0, 1, ..., 250, 0, 1, ... (i mod 251).
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

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void portableMatchesTheOfficialVectorsInOneUpdate(int length, String expected) {
        assertEquals(expected, PORTABLE.newHasher().update(pattern(length)).digest().toHex());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void portableMatchesTheOfficialVectorsByteByByte(int length, String expected) {
        byte[] input = pattern(length);
        Blake3Hasher hasher = PORTABLE.newHasher();
        for (int i = 0; i < length; i++) {
            hasher.update(input, i, 1);
        }
        assertEquals(expected, hasher.digest().toHex());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void facadeMatchesTheOfficialVectors(int length, String expected) {
        assertEquals(expected, Blake3.hash(pattern(length)).toHex());
        assertEquals(expected, Blake3.hash(ByteBuffer.wrap(pattern(length))).toHex());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("officialVectors")
    void portableReadsDirectBuffers(int length, String expected) {
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(pattern(length)).flip();
        assertEquals(expected, PORTABLE.hash(direct).toHex());
        assertEquals(length, direct.position());
    }

    /** Sizes around the one-shot hash's parallel threshold (1 MiB) and uneven tree splits. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 20) + 1024, 3 * (1 << 20) + 1025,
        5 * (1 << 20) - 1, 8 << 20, (8 << 20) + 64 * 1024 + 63})
    void portableOneShotHashOnSeveralThreadsIsExact(int length) {
        byte[] input = new byte[length + 7];
        new Random(length).nextBytes(input);
        B3Digest sequential = PORTABLE.newHasher().update(input, 7, length).digest();
        assertEquals(sequential, PORTABLE.hash(ByteBuffer.wrap(input, 7, length)));
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(input, 7, length).flip();
        assertEquals(sequential, PORTABLE.hash(direct));
        assertEquals(length, direct.position());
    }

    @Test
    void specDigests() {
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                Blake3.hash(new byte[0]).toHex());
        assertEquals("5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c",
                Blake3.hash("Hello World!".getBytes(StandardCharsets.US_ASCII)).toHex());
        assertEquals("7b7015bb92cf0b318037702a6cdd81dee41224f734684c2c122cd6359cb1ee63",
                Blake3.hash(new byte[] {0, 1}).toHex());
        byte[] big = new byte[255 * 4096];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 255);
        }
        assertEquals("a82c5154a7a0c262c6fdb929a317585646f8fbcf80326d0a7b8747edaf2d99d2",
                PORTABLE.newHasher().update(big).digest().toHex());
    }

    @Test
    void randomSplitsGiveTheOneShotDigest() {
        Random random = new Random(8);
        for (int round = 0; round < 200; round++) {
            byte[] input = new byte[randomLength(random)];
            random.nextBytes(input);
            B3Digest expected = PORTABLE.newHasher().update(input).digest();
            assertEquals(expected, updateInRandomSplits(PORTABLE.newHasher(), input, random),
                    "length " + input.length);
        }
    }

    @Test
    void digestLeavesTheStateSoMoreInputCanFollow() {
        byte[] input = pattern(5000);
        Blake3Hasher hasher = PORTABLE.newHasher();
        for (int cut : new int[] {0, 1, 64, 1024, 1025, 2048, 4999, 5000}) {
            hasher.reset().update(input, 0, cut);
            assertEquals(PORTABLE.newHasher().update(input, 0, cut).digest(), hasher.digest());
            hasher.update(input, cut, input.length - cut);
            assertEquals(Blake3.hash(input), hasher.digest(), "digest after a digest at " + cut);
        }
    }

    @Test
    void resetForgetsTheInput() {
        Blake3Hasher hasher = PORTABLE.newHasher().update(pattern(3000));
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                hasher.reset().digest().toHex());
    }

    /** Lengths around chunk and block boundaries, and some longer ones. */
    static int randomLength(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(2100);
            case 1 -> 1024 * (1 + random.nextInt(40)) + random.nextInt(3) - 1;
            case 2 -> 64 * random.nextInt(300) + random.nextInt(3) - 1 + 1;
            default -> random.nextInt(300_000);
        };
    }

    /** Feeds {@code input} in pieces of random sizes, some empty, via arrays and buffers. */
    static B3Digest updateInRandomSplits(Blake3Hasher hasher, byte[] input, Random random) {
        int pos = 0;
        while (pos < input.length) {
            int maxPiece = random.nextBoolean() ? 70 : 5000;
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
