package dev.castore.archive.tar;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.PathComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The path of an archive entry, relative to the directory the archive extracts into: empty and
 * {@code .} components are dropped, as extraction drops them; an absolute path and {@code ..}
 * are refused, because extracting them writes outside that directory.
 *
 * @param components the names from the top; empty for the top directory itself
 * @param display the entry's name as the archive has it, escaped for messages
 */
record EntryPath(List<PathComponent> components, String display) {

    EntryPath {
        components = List.copyOf(components);
    }

    static EntryPath parse(String name) throws InvalidRequestException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        String display = EscapedText.of(bytes);
        if (name.indexOf('\uFFFD') >= 0) {
            throw new InvalidRequestException("archive entry '" + display + "': its name is not valid UTF-8, which is"
                    + " all tar names are read as");
        }
        if (name.startsWith("/")) {
            throw new InvalidRequestException("archive entry '" + display + "': an absolute path; castore imports"
                    + " paths relative to the archive's top only");
        }
        List<PathComponent> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                int len = i - start;
                boolean dot = len == 1 && bytes[start] == '.';
                boolean dotDot = len == 2 && bytes[start] == '.' && bytes[start + 1] == '.';
                if (dotDot) {
                    throw new InvalidRequestException("archive entry '" + display + "': '..' in its path; castore"
                            + " imports paths below the archive's top only");
                }
                if (len > 0 && !dot) {
                    try {
                        out.add(PathComponent.of(java.util.Arrays.copyOfRange(bytes, start, i)));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRequestException("archive entry '" + display + "': " + e.getMessage(), e);
                    }
                }
                start = i + 1;
            }
        }
        return new EntryPath(out, display);
    }

    /** The directory that holds this entry (the top for an entry at the top). */
    EntryPath parent() {
        return new EntryPath(components.isEmpty() ? components : components.subList(0, components.size() - 1), display);
    }

    boolean isTop() {
        return components.isEmpty();
    }

    @Override
    public String toString() {
        return display;
    }
}
