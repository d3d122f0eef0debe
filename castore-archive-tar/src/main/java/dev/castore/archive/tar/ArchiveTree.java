package dev.castore.archive.tar;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The tree an archive extracts to, built entry by entry in archive order: what extraction with
 * {@code tar} leaves, as far as castore stores it. Parent directories missing from the archive are
 * made; a later file or symlink at the same path replaces an earlier one; a directory met again
 * is the same directory. A path that is a directory in one entry and not in another, or that goes
 * through a symlink, is refused, as {@code tar} would not extract it as written. Holds the nodes
 * (digests), never file contents; a file's node may still be on its way (its contents being
 * written) until the tree is built.
 */
final class ArchiveTree {

    /** A directory under construction: each child is a {@code Dir} or a file's or symlink's future node. */
    private static final class Dir {
        final Map<PathComponent, Object> children = new HashMap<>();
        DirectoryNode node;
    }

    private final Dir top = new Dir();

    /** Records a directory at {@code path}, and the directories above it. */
    void directory(EntryPath path) throws InvalidRequestException {
        Dir d = top;
        for (PathComponent name : path.components()) {
            d = childDirectory(d, name, path);
        }
    }

    /** Records a file or symlink at {@code path}, replacing an earlier one. */
    void leaf(EntryPath path, Future<? extends Node> node) throws InvalidRequestException {
        if (path.isTop()) {
            throw new InvalidRequestException("archive entry '" + path + "': a file or symlink where the archive's top"
                    + " directory is");
        }
        Dir parent = top;
        List<PathComponent> names = path.components();
        for (PathComponent name : names.subList(0, names.size() - 1)) {
            parent = childDirectory(parent, name, path);
        }
        PathComponent last = names.getLast();
        if (parent.children.get(last) instanceof Dir) {
            throw new InvalidRequestException("archive entry '" + path + "': a file or symlink where an earlier entry"
                    + " made a directory");
        }
        parent.children.put(last, node);
    }

    /** The file or symlink an earlier entry recorded at {@code path} (the target of a hard link). */
    Future<? extends Node> leafAt(EntryPath path, EntryPath link) throws InvalidRequestException {
        Object at = top;
        for (PathComponent name : path.components()) {
            at = at instanceof Dir d ? d.children.get(name) : null;
        }
        if (at instanceof Future<?>) {
            @SuppressWarnings("unchecked") // leaf(...) puts only futures of nodes
            Future<? extends Node> leaf = (Future<? extends Node>) at;
            return leaf;
        }
        throw new InvalidRequestException("archive entry '" + link + "': a hard link to '" + path + "', "
                + (at instanceof Dir ? "a directory" : "which no entry before it holds"));
    }

    private static Dir childDirectory(Dir parent, PathComponent name, EntryPath path) throws InvalidRequestException {
        Object child = parent.children.get(name);
        if (child == null) {
            Dir d = new Dir();
            parent.children.put(name, d);
            return d;
        }
        if (child instanceof Dir d) {
            return d;
        }
        throw new InvalidRequestException("archive entry '" + path + "': its path goes through '" + name
                + "', which an earlier entry made a file or symlink");
    }

    /**
     * The directories, leaves first, appended to {@code leavesFirst} (a directory that occurs at
     * several paths appears at each), and the top's node; bottom-up with an explicit stack. Every
     * leaf's node must have arrived: the caller waits for its writes first.
     */
    DirectoryNode build(List<Directory> leavesFirst) {
        ArrayDeque<Dir> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            Dir d = stack.peek();
            boolean ready = true;
            for (Object child : d.children.values()) {
                if (child instanceof Dir c && c.node == null) {
                    stack.push(c);
                    ready = false;
                }
            }
            if (!ready) {
                continue;
            }
            stack.pop();
            Directory.Builder b = Directory.builder();
            for (Map.Entry<PathComponent, Object> e : d.children.entrySet()) {
                b.add(e.getKey(), e.getValue() instanceof Dir c ? c.node : (Node) ((Future<?>) e.getValue()).resultNow());
            }
            Directory built = b.build();
            leavesFirst.add(built);
            d.node = DirectoryNode.of(built);
            d.children.clear();
        }
        return top.node;
    }
}
