package dev.castore.cli.roots;

import dev.castore.api.digest.B3Digest;
import java.time.Instant;

/**
 * A name given to an imported root: the digest it stands for, when it was recorded, what was
 * imported (the source path, escaped) and on which host.
 */
public record NamedRoot(String name, B3Digest digest, Instant time, String source, String host) {

    /** Fails unless {@code name} can be given on a command line where a digest is expected. */
    public static String checkName(String name) {
        if (name.isEmpty() || name.length() > 200 || !name.matches("[A-Za-z0-9._@+-][A-Za-z0-9._@+/-]*")
                || name.contains("//") || name.endsWith("/")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid root name: use letters, digits and . _ @ + -"
                    + " (and / between parts), at most 200 characters, no ':'");
        }
        return name;
    }
}
