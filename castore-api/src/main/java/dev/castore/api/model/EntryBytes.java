package dev.castore.api.model;

import java.util.Arrays;

/**
 * The bytes of a name or a symlink target, validated by the subclass before they get here:
 * immutable, equal to another of the same type with the same bytes, and shown as
 * {@link EscapedText} (UTF-8, control characters and other bytes escaped).
 */
abstract sealed class EntryBytes permits PathComponent, SymlinkTarget {

    private final byte[] bytes;

    /** Takes ownership of {@code bytes}, already validated. */
    EntryBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** The bytes as text, under {@link EscapedText}: UTF-8, control characters and other bytes escaped. */
    @Override
    public String toString() {
        return EscapedText.of(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((EntryBytes) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
