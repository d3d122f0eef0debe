package dev.castore.cli.listing;

import dev.castore.api.model.PathComponent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The path of the entry being listed, escaped and as raw bytes, grown and cut back as the walk goes
 * down and up. One pair of buffers for the whole walk: printing a path copies nothing, so even the
 * paths of a very deep tree cost only what they weigh on the output.
 */
final class PathText {

    /** A length to cut back to: of the escaped text and of the raw bytes. */
    record Mark(int chars, int bytes) {}

    private char[] chars = new char[256];
    private int length;
    private byte[] raw = new byte[256];
    private int rawLength;

    Mark mark() {
        return new Mark(length, rawLength);
    }

    void truncate(Mark mark) {
        length = mark.chars();
        rawLength = mark.bytes();
    }

    /** Appends {@code name}, escaped, with {@code ->} as {@code -\x3e} (it separates a symlink's target). */
    void append(PathComponent name) {
        String text = name.toString().replace("->", "-\\x3e");
        if (length + text.length() > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + text.length()));
        }
        text.getChars(0, text.length(), chars, length);
        length += text.length();
        byte[] b = name.toBytes();
        ensureRaw(b.length);
        System.arraycopy(b, 0, raw, rawLength, b.length);
        rawLength += b.length;
    }

    /** Appends the separator. */
    void appendSlash() {
        if (length + 1 > chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length++] = '/';
        ensureRaw(1);
        raw[rawLength++] = '/';
    }

    void printTo(PrintWriter out) {
        out.write(chars, 0, length);
    }

    /** Writes the path as the bytes of the names, unescaped. */
    void writeRawTo(OutputStream out) throws IOException {
        out.write(raw, 0, rawLength);
    }

    private void ensureRaw(int more) {
        if (rawLength + more > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + more));
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
