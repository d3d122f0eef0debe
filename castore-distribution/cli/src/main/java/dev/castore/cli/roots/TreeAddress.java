package dev.castore.cli.roots;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command is pointed at: a root (a digest in any form, a root name, or a prefix of a named
 * root's digest) and a path below it, as in {@code DIGEST:path/inside} or {@code NAME:path} (git's
 * {@code rev:path}).
 *
 * @param root the text before the colon
 * @param path the names below the root, none for the root itself
 */
public record TreeAddress(String root, List<String> path) {

    public TreeAddress {
        path = List.copyOf(path);
    }

    /** Splits {@code text} at the colon that ends its root ({@code b3:} digests hold one of their own). */
    public static TreeAddress parse(String text) {
        int from = text.startsWith("b3:") ? 3 : 0;
        int colon = text.indexOf(':', from);
        if (colon < 0) {
            return new TreeAddress(text, List.of());
        }
        List<String> names = new ArrayList<>();
        for (String part : text.substring(colon + 1).split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                names.add(part);
            }
        }
        return new TreeAddress(text.substring(0, colon), names);
    }

    /** The path as given, for messages. */
    public String pathText() {
        return String.join("/", path);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? root : root + ":" + pathText();
    }
}
