package dev.castore.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name of an entry inside a {@link Directory}: a byte string (not necessarily UTF-8) that is
 * non-empty, at most {@value #MAX_LENGTH} bytes, not {@code .} or {@code ..}, and free of
 * {@code /} and NUL. Ordered by unsigned byte comparison, the order of the canonical encoding.
 * Equal when the bytes are; {@link #toString()} is the name as {@link EscapedText}.
 */
public final class PathComponent extends EntryBytes implements Comparable<PathComponent> {

    /** The longest name accepted, in bytes. */
    public static final int MAX_LENGTH = 255;

    private PathComponent(byte[] bytes) {
        super(bytes);
    }

    /** The name with these bytes (copied); throws {@link InvalidDirectoryException} when invalid. */
    public static PathComponent of(byte[] bytes) {
        return wrap(bytes.clone());
    }

    /** The name with the UTF-8 bytes of {@code name}. */
    public static PathComponent of(String name) {
        return wrap(name.getBytes(StandardCharsets.UTF_8));
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

    /** Length in bytes. */
    public int length() {
        return rawBytes().length;
    }

    @Override
    public int compareTo(PathComponent o) {
        return Arrays.compareUnsigned(rawBytes(), o.rawBytes());
    }
}
