package dev.castore.http;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryReader;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Where a path leads in a stored tree, as a file system would resolve it with the tree as its
 * root: symlinks are followed, relative to the directory that holds them, only while they stay
 * inside the tree (an absolute target, or {@code ..} above the top, is not followed), at most
 * {@value #MAX_SYMLINKS} of them. Directories are read one at a time, as the walk reaches them.
 */
final class TreeLookup {

    /** Symlinks followed for one path at most, as Linux allows (ELOOP). */
    static final int MAX_SYMLINKS = 40;

    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    /** What a path leads to. */
    sealed interface Result {}

    /** A directory. */
    record Dir(Directory directory) implements Result {}

    /** A regular file. */
    record File(FileNode file) implements Result {}

    /** Nothing the tree lets the path reach; {@code reason} says why, for the response. */
    record Missing(String reason) implements Result {}

    private TreeLookup() {}

    /** Resolves {@code path} (raw name bytes, empty, {@code .} and {@code ..} allowed) from the top of {@code root}. */
    static Result resolve(DirectoryReader reader, B3Digest root, List<byte[]> path) throws IOException {
        Optional<Directory> top = reader.root(root);
        if (top.isEmpty()) {
            return new Missing("no directory " + root.toHex() + " is stored");
        }
        Deque<Directory> stack = new ArrayDeque<>();
        stack.push(top.get());
        Deque<byte[]> remaining = new ArrayDeque<>(path);
        int symlinks = 0;
        while (!remaining.isEmpty()) {
            byte[] name = remaining.pollFirst();
            if (name.length == 0 || Arrays.equals(name, DOT)) {
                continue;
            }
            if (Arrays.equals(name, DOT_DOT)) {
                if (stack.size() == 1) {
                    return new Missing("the path leaves the tree");
                }
                stack.pop();
                continue;
            }
            Optional<Node> node = entry(stack.peek(), name);
            if (node.isEmpty()) {
                return new Missing("no such file or directory");
            }
            switch (node.get()) {
                case DirectoryNode d -> stack.push(reader.member(root, d.digest()));
                case FileNode f -> {
                    return remaining.isEmpty() ? new File(f) : new Missing("not a directory");
                }
                case SymlinkNode s -> {
                    if (++symlinks > MAX_SYMLINKS) {
                        return new Missing("too many levels of symbolic links");
                    }
                    byte[] target = s.target().toBytes();
                    if (target[0] == '/') {
                        return new Missing("a symlink to an absolute path, outside the tree");
                    }
                    List<byte[]> parts = split(target);
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        remaining.addFirst(parts.get(i));
                    }
                }
            }
        }
        return new Dir(stack.peek());
    }

    private static Optional<Node> entry(Directory dir, byte[] name) {
        try {
            return dir.get(PathComponent.of(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a name any directory can hold
        }
    }

    /** {@code bytes} split at each {@code /}, empty parts kept (they are skipped as the walk goes). */
    static List<byte[]> split(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                out.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
