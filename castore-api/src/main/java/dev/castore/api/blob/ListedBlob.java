package dev.castore.api.blob;

import dev.castore.api.digest.B3Digest;

/**
 * A blob as a store's {@link BlobListing} gives it: its digest and its size in bytes, the number
 * of bytes a reader of it returns.
 */
public record ListedBlob(B3Digest digest, long size) {

    public ListedBlob {
        if (digest == null) {
            throw new IllegalArgumentException("a listed blob needs its digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("blob " + digest.toHex() + " listed with a negative size: " + size);
        }
    }
}
