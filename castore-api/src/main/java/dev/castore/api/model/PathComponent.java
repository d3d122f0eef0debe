package dev.castore.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name of an entry inside a {@link Directory}: a byte string (not necessarily UTF-8) that is
 * non-empty, at most {@value #MAX_LENGTH} bytes, not {@code .} or {@code ..}, and free of
 * {@code /} and NUL. Ordered by unsigned byte comparison, the order of the canonical encoding.
 */
public final class PathComponent implements Comparable<PathComponent> {

    /** The longest name accepted, in bytes. */
    public static final int MAX_LENGTH = 255;

    private final byte[] bytes;

    private PathComponent(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The name with these bytes (copied); throws {@link InvalidDirectoryException} when invalid. */
    public static PathComponent of(byte[] bytes) {
        byte[] copy = bytes.clone();
        validate(copy);
        return new PathComponent(copy);
    }

    /** The name with the UTF-8 bytes of {@code name}. */
    public static PathComponent of(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        validate(b);
        return new PathComponent(b);
    }

    /** Takes ownership of {@code bytes}: for decoders that made a fresh array. */
    static PathComponent wrap(byte[] bytes) {
        validate(bytes);
        return new PathComponent(bytes);
    }

    private static void validate(byte[] b) {
        if (b.length == 0) {
            throw new InvalidDirectoryException("invalid name: empty (names inside a directory must not be empty)");
        }
        if (b.length > MAX_LENGTH) {
            throw new InvalidDirectoryException("invalid name '" + EscapedText.of(Arrays.copyOf(b, 32))
                    + "...': " + b.length + " bytes, at most " + MAX_LENGTH + " are allowed");
        }
        if (b.length == 1 && b[0] == '.') {
            throw new InvalidDirectoryException("invalid name '.': the current directory cannot be an entry");
        }
        if (b.length == 2 && b[0] == '.' && b[1] == '.') {
            throw new InvalidDirectoryException("invalid name '..': the parent directory cannot be an entry");
        }
        for (byte x : b) {
            if (x == '/') {
                throw new InvalidDirectoryException("invalid name '" + EscapedText.of(b) + "': contains '/'");
            }
            if (x == 0) {
                throw new InvalidDirectoryException("invalid name '" + EscapedText.of(b) + "': contains a NUL byte");
            }
        }
    }

    /** A copy of the bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Length in bytes. */
    public int length() {
        return bytes.length;
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** The name as text, under {@link EscapedText}: UTF-8, control characters and other bytes escaped. */
    @Override
    public String toString() {
        return EscapedText.of(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathComponent other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PathComponent o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
