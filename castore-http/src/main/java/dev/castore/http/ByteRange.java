package dev.castore.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} request (RFC 9110 14.1.2), within a representation of
 * {@code size} bytes: {@code bytes=FIRST-LAST}, {@code bytes=FIRST-}, {@code bytes=-SUFFIX}.
 * A header that is not one such range (several ranges, another unit, bad syntax) is ignored, as
 * the RFC lets a server do, and the whole representation is sent.
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    private static final Pattern ONE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** What a Range header asks for. */
    sealed interface Request {}

    /** The whole representation. */
    record Whole() implements Request {}

    /** Part of it. */
    record Part(ByteRange range) implements Request {}

    /** A range that starts past the end (416). */
    record Unsatisfiable() implements Request {}

    long length() {
        return last - first + 1;
    }

    static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        Matcher m = ONE.matcher(header.get().strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return new Whole(); // invalid: ignored
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(first, last));
    }
}
