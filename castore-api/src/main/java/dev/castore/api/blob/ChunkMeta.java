package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;
import java.util.Objects;

/** One chunk of a chunked blob: the BLAKE3 of its bytes and its length (unsigned 64-bit). */
public record ChunkMeta(B3Digest digest, long size) {
    public ChunkMeta {
        Objects.requireNonNull(digest, "digest");
    }
}
