package dev.castore.cli.listing;

import dev.castore.api.model.PathComponent;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The escaped path of the entry being listed, grown and cut back as the walk goes down and up.
 * One buffer for the whole walk: printing a path copies nothing, so even the paths of a very deep
 * tree cost only what they weigh on the output.
 */
final class PathText {

    private char[] chars = new char[256];
    private int length;

    int length() {
        return length;
    }

    void truncate(int newLength) {
        length = newLength;
    }

    /** Appends {@code name}, escaped, with {@code ->} as {@code -\x3e} (it separates a symlink's target). */
    void append(PathComponent name) {
        String text = name.toString().replace("->", "-\\x3e");
        ensure(text.length());
        text.getChars(0, text.length(), chars, length);
        length += text.length();
    }

    void append(char c) {
        ensure(1);
        chars[length++] = c;
    }

    void printTo(PrintWriter out) {
        out.write(chars, 0, length);
    }

    private void ensure(int more) {
        if (length + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
