package dev.castore.cli.listing;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.cli.CliException;
import dev.castore.cli.json.JsonOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prints the entries of a directory, one line each: kind ({@code d}, {@code -}, {@code x} for an
 * executable file, {@code l}), size, digest and name, symlinks with {@code -> target}. Names and
 * targets are printed under {@link dev.castore.api.model.EscapedText}, so a line is always one
 * line; in names (and the paths made of them) {@code ->} is printed as {@code -\x3e}, so the first
 * {@code " -> "} of a symlink's line is where its target starts. Recursively, each entry is printed
 * with its path below the root, depth first, entries in name order; the walk keeps its own stack,
 * so no depth overflows it.
 *
 * <p>A directory that occurs more than once in the tree (the same digest at several paths) is
 * listed in full at its first occurrence only; later occurrences print their own line, whose
 * digest refers to the first. So the output grows with the distinct directories, not with the
 * paths: a closure of a few directories each holding the next twice has a few lines, not 2^n.
 */
public final class TreeListing {

    /** What a listing writes: text lines, JSON lines, or raw paths each ended by NUL. */
    public enum Style { TEXT, JSON, NUL }

    private final ListingFormat format;
    private final Map<B3Digest, Directory> closure;
    private final PathText path = new PathText();

    /** A text listing to {@code out} of directories taken from {@code closure}. */
    public TreeListing(PrintWriter out, Map<B3Digest, Directory> closure) {
        this.format = new TextFormat(out);
        this.closure = closure;
    }

    /** A listing in {@code style}: text and JSON to {@code out}, NUL-ended paths to {@code rawOut}. */
    public TreeListing(Style style, PrintWriter out, OutputStream rawOut, Map<B3Digest, Directory> closure)
            throws IOException {
        this.format = switch (style) {
            case TEXT -> new TextFormat(out);
            case JSON -> new JsonLinesFormat(JsonOutput.lines(out));
            case NUL -> new NulFormat(new BufferedOutputStream(rawOut, 1 << 16));
        };
        this.closure = closure;
    }

    /**
     * Lists the entries of {@code root}, and with {@code recursive} everything below them; the
     * number of directory lines that were not expanded because their digest was listed before.
     */
    public long list(Directory root, boolean recursive) throws IOException {
        Set<B3Digest> expanded = new HashSet<>();
        expanded.add(root.digest());
        long repeated = 0;
        ArrayDeque<Level> stack = new ArrayDeque<>();
        stack.push(new Level(root.entries().entrySet().iterator(), path.mark()));
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (!level.entries().hasNext()) {
                stack.pop();
                continue;
            }
            Map.Entry<PathComponent, Node> e = level.entries().next();
            path.truncate(level.parent());
            path.append(e.getKey());
            format.entry(path, e.getValue());
            if (recursive && e.getValue() instanceof DirectoryNode d) {
                if (!expanded.add(d.digest())) {
                    repeated++;
                    continue;
                }
                Directory child = member(d);
                path.appendSlash();
                stack.push(new Level(child.entries().entrySet().iterator(), path.mark()));
            }
        }
        format.flush();
        return repeated;
    }

    /** The entries of one directory still to print, and where their parent's path ends. */
    private record Level(Iterator<Map.Entry<PathComponent, Node>> entries, PathText.Mark parent) {}

    private Directory member(DirectoryNode d) {
        Directory dir = closure.get(d.digest());
        if (dir == null) {
            throw new CliException(CliException.FAILED, "directory " + d.digest().toHex() + " (at " + path
                    + ") is missing from the closure");
        }
        return dir;
    }
}
