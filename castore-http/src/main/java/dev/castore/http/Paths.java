package dev.castore.http;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Request paths as castore names them: raw bytes, percent-encoded in URLs (RFC 3986), so that a
 * name that is not UTF-8 still has a URL.
 */
final class Paths {

    private Paths() {}

    /** The bytes of a raw (still encoded) URL path; empty when an escape is malformed. */
    static Optional<byte[]> decode(String rawPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length() || Character.digit(rawPath.charAt(i + 1), 16) < 0
                        || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
                out.write(HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                return Optional.empty(); // a raw path is ASCII
            }
        }
        return Optional.of(out.toByteArray());
    }

    /** {@code name} as one path segment: unreserved characters as they are, every other byte as %XX. */
    static String encode(byte[] name) {
        StringBuilder b = new StringBuilder(name.length + 8);
        for (byte x : name) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return b.toString();
    }
}
