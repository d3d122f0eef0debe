package dev.castore.api.model;

import java.nio.charset.StandardCharsets;

/**
 * The target of a symlink: a non-empty byte string without NUL, at most {@value #MAX_LENGTH}
 * bytes. Absolute targets and targets with {@code /} or {@code ..} are allowed; what they point
 * at is not the store's business. Equal when the bytes are; {@link #toString()} is the target as
 * {@link EscapedText}.
 */
public final class SymlinkTarget extends EntryBytes {

    /** The longest target accepted, in bytes. */
    public static final int MAX_LENGTH = 4095;

    private SymlinkTarget(byte[] bytes) {
        super(bytes);
    }

    /** The target with these bytes (copied); throws {@link InvalidDirectoryException} when invalid. */
    public static SymlinkTarget of(byte[] bytes) {
        return wrap(bytes.clone());
    }

    /** The target with the UTF-8 bytes of {@code target}. */
    public static SymlinkTarget of(String target) {
        return wrap(target.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes}: for decoders that made a fresh array. */
    static SymlinkTarget wrap(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidDirectoryException("invalid symlink target: empty");
        }
        if (bytes.length > MAX_LENGTH) {
            throw new InvalidDirectoryException("invalid symlink target: " + bytes.length + " bytes, at most "
                    + MAX_LENGTH + " are allowed");
        }
        for (byte x : bytes) {
            if (x == 0) {
                throw new InvalidDirectoryException("invalid symlink target '" + EscapedText.of(bytes)
                        + "': contains a NUL byte");
            }
        }
        return new SymlinkTarget(bytes);
    }
}
