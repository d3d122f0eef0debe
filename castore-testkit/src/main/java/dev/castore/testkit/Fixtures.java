package dev.castore.testkit;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The blobs and directories of the specification's test vectors (tvix/snix {@code fixtures.rs}),
 * with their expected digests written out, and deterministic pseudo-random content.
 */
public final class Fixtures {

    private Fixtures() {}

    public static final byte[] EMPTY_BLOB = new byte[0];
    public static final B3Digest EMPTY_DIGEST =
            B3Digest.fromHex("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");

    public static final byte[] HELLOWORLD_BLOB = "Hello World!".getBytes(StandardCharsets.US_ASCII);
    public static final B3Digest HELLOWORLD_DIGEST =
            B3Digest.fromHex("5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c");

    public static final byte[] BLOB_A = {0x00, 0x01};
    public static final B3Digest BLOB_A_DIGEST =
            B3Digest.fromHex("7b7015bb92cf0b318037702a6cdd81dee41224f734684c2c122cd6359cb1ee63");

    /** Bytes 0x00..0xFE repeated 4096 times: 1,044,480 bytes. */
    public static final byte[] BLOB_B = blobB();
    public static final B3Digest BLOB_B_DIGEST =
            B3Digest.fromHex("a82c5154a7a0c262c6fdb929a317585646f8fbcf80326d0a7b8747edaf2d99d2");

    public static final Directory DIRECTORY_A = Directory.EMPTY;

    public static final Directory DIRECTORY_WITH_KEEP =
            Directory.builder().file(".keep", EMPTY_DIGEST, 0, false).build();

    public static final Directory DIRECTORY_B =
            Directory.builder().directory("a", DIRECTORY_A).build();

    public static final Directory DIRECTORY_C =
            Directory.builder().directory("a", DIRECTORY_A).directory("a'", DIRECTORY_A).build();

    public static final Directory DIRECTORY_D =
            Directory.builder().directory("a", DIRECTORY_A).directory("b", DIRECTORY_B).build();

    public static final Directory DIRECTORY_COMPLICATED = Directory.builder()
            .directory("keep", DIRECTORY_WITH_KEEP)
            .file(".keep", EMPTY_DIGEST, 0, false)
            .symlink("aa", "/nix/store/somewhereelse")
            .build();

    private static byte[] blobB() {
        byte[] b = new byte[255 * 4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 255);
        }
        return b;
    }

    /**
     * A chain of {@code levels} nested directories, leaves first: the innermost holds one file, and
     * each of the others holds only the one before it, under the name {@code d}.
     */
    public static List<Directory> chain(int levels) {
        List<Directory> leavesFirst = new ArrayList<>(levels);
        Directory d = Directory.builder().file("f", HELLOWORLD_DIGEST, HELLOWORLD_BLOB.length, false).build();
        leavesFirst.add(d);
        for (int i = 1; i < levels; i++) {
            d = Directory.builder().directory("d", d).build();
            leavesFirst.add(d);
        }
        return leavesFirst;
    }

    /** {@code length} pseudo-random bytes, the same for the same seed. */
    public static byte[] randomBytes(long seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
