package dev.castore.store.objectstore.layout;

import dev.castore.api.digest.B3Digest;

/**
 * The object keys of the tvix/snix layout: {@code <kind>/b3/<hex4>/<hex64>}, where hex4 is the
 * lower-case hex of the digest's FIRST TWO BYTES (the Rust source's comment says "two
 * characters", its code uses two bytes; the code is what stores contain).
 */
public final class ObjectKeys {

    private ObjectKeys() {}

    /** Blob index (chunk list) of a blob. */
    public static String blob(B3Digest digest) {
        return key("blobs", digest);
    }

    /** A zstd-compressed chunk. */
    public static String chunk(B3Digest digest) {
        return key("chunks", digest);
    }

    /** A zstd-compressed directory closure, keyed by its root. */
    public static String directories(B3Digest root) {
        return key("dirs", root);
    }

    private static String key(String kind, B3Digest digest) {
        String hex = digest.toHex();
        return kind + "/b3/" + hex.substring(0, 4) + "/" + hex;
    }
}
