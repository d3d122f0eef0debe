package dev.castore.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The target of a symlink: a non-empty byte string without NUL, at most {@value #MAX_LENGTH}
 * bytes. Absolute targets and targets with {@code /} or {@code ..} are allowed; what they point
 * at is not the store's business.
 */
public final class SymlinkTarget {

    /** The longest target accepted, in bytes. */
    public static final int MAX_LENGTH = 4095;

    private final byte[] bytes;

    private SymlinkTarget(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The target with these bytes (copied); throws {@link InvalidDirectoryException} when invalid. */
    public static SymlinkTarget of(byte[] bytes) {
        byte[] copy = bytes.clone();
        validate(copy);
        return new SymlinkTarget(copy);
    }

    /** The target with the UTF-8 bytes of {@code target}. */
    public static SymlinkTarget of(String target) {
        byte[] b = target.getBytes(StandardCharsets.UTF_8);
        validate(b);
        return new SymlinkTarget(b);
    }

    static SymlinkTarget wrap(byte[] bytes) {
        validate(bytes);
        return new SymlinkTarget(bytes);
    }

    private static void validate(byte[] b) {
        if (b.length == 0) {
            throw new InvalidDirectoryException("invalid symlink target: empty");
        }
        if (b.length > MAX_LENGTH) {
            throw new InvalidDirectoryException("invalid symlink target: " + b.length + " bytes, at most "
                    + MAX_LENGTH + " are allowed");
        }
        for (byte x : b) {
            if (x == 0) {
                throw new InvalidDirectoryException("invalid symlink target '" + EscapedText.of(b) + "': contains a NUL byte");
            }
        }
    }

    /** A copy of the bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** The target as text, under {@link EscapedText}: UTF-8, control characters and other bytes escaped. */
    @Override
    public String toString() {
        return EscapedText.of(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymlinkTarget other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
