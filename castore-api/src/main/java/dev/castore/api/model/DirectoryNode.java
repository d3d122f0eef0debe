package dev.castore.api.model;

import dev.castore.api.digest.B3Digest;
import java.util.Objects;

/**
 * A reference to a child directory: its digest and its size, the number of nodes below it as
 * {@link Directory#size()} counts them (an unsigned 64-bit value).
 */
public record DirectoryNode(B3Digest digest, long size) implements Node {

    public DirectoryNode {
        Objects.requireNonNull(digest, "digest");
    }

    /** The node that refers to {@code directory}, with its digest and size. */
    public static DirectoryNode of(Directory directory) {
        return new DirectoryNode(directory.digest(), directory.size());
    }
}
