package dev.castore.api.model;

import dev.castore.api.digest.B3Digest;
import java.util.Objects;

/** A regular file: the digest of its contents, its length in bytes (unsigned 64-bit) and whether it is executable. */
public record FileNode(B3Digest digest, long size, boolean executable) implements Node {

    public FileNode {
        Objects.requireNonNull(digest, "digest");
    }
}
