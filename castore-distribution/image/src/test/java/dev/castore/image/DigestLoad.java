package dev.castore.image;

import java.security.MessageDigest;

/** Hashes 256 MiB with SHA-256 in a loop of its own, for {@link CompilerChoiceTest}: a JVM to watch the compilers in. */
public final class DigestLoad {

    private DigestLoad() {}

    public static void main(String[] args) throws Exception {
        byte[] block = new byte[64 * 1024];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long sum = 0;
        for (int i = 0; i < 4096; i++) {
            block[i % block.length] = (byte) i;
            sha.update(block);
            sum += sha.getDigestLength();
        }
        System.out.println(sum + " " + sha.digest().length);
    }
}
