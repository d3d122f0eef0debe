package dev.castore.api.digest;

import java.nio.ByteBuffer;

/**
 * An incremental BLAKE3-256 computation in plain hash mode (unkeyed).
 *
 * <p>Feed bytes with {@code update} in any split; {@link #digest()} returns the digest of
 * everything fed so far and leaves the state untouched, so more bytes may follow. A hasher is
 * not thread-safe; create one per stream with {@link Blake3#newHasher()}.
 */
public interface Blake3Hasher {

    /** Adds {@code length} bytes of {@code input} starting at {@code offset}. */
    Blake3Hasher update(byte[] input, int offset, int length);

    /** Adds all of {@code input}. */
    default Blake3Hasher update(byte[] input) {
        return update(input, 0, input.length);
    }

    /** Adds the remaining bytes of {@code input}, advancing its position to its limit. */
    Blake3Hasher update(ByteBuffer input);

    /** The digest of all bytes added since creation or the last {@link #reset()}. */
    B3Digest digest();

    /** Forgets all input, as if newly created. */
    Blake3Hasher reset();
}
