package dev.castore.api.directory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.api.model.SizeFormula;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a closure received leaves first, root last: the rule every putter and the gRPC Put
 * enforce. Each directory may refer only to directories added before it, with the size they
 * really have; {@link #validate()} then demands exactly one root.
 *
 * <p>Re-adding a directory already added is ignored. Not thread-safe.
 */
public final class DirectoryGraph {

    /**
     * The most distinct directories one closure may have: 1,048,576, far more than a source tree
     * or a whole Linux distribution has (a few hundred thousand). Every putter (and so every
     * Put) and every reader of a closure refuses more.
     */
    public static final int MAX_DIRECTORIES = 1 << 20;

    /**
     * The most bytes the encodings of one closure's directories may add up to: 256 MiB (about
     * 400,000 directories of a typical source tree). A closure is held whole while it is
     * validated, so this bounds what one Put can make a server hold.
     */
    public static final long MAX_BYTES = 256L << 20;

    private final SizeFormula formula;
    private final Map<B3Digest, Directory> directories = new LinkedHashMap<>();
    private final Set<B3Digest> referenced = new HashSet<>();
    private final int maxDirectories;
    private final long maxBytes;
    private long bytes;

    /** A graph that checks sizes with {@link SizeFormula#TVIX_COMPAT}. */
    public DirectoryGraph() {
        this(SizeFormula.TVIX_COMPAT);
    }

    public DirectoryGraph(SizeFormula formula) {
        this(formula, MAX_DIRECTORIES, MAX_BYTES);
    }

    /** With other limits than the documented ones, to test them at a size a test can afford. */
    DirectoryGraph(SizeFormula formula, int maxDirectories, long maxBytes) {
        this.formula = formula;
        this.maxDirectories = maxDirectories;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds the next directory.
     *
     * @throws InvalidDirectoryException when it refers to a directory not added before, or with
     *     a size other than that directory's, or when the closure would exceed
     *     {@link #MAX_DIRECTORIES} or {@link #MAX_BYTES}
     */
    public void add(Directory directory) {
        B3Digest digest = directory.digest();
        if (directories.containsKey(digest)) {
            return;
        }
        if (directories.size() >= maxDirectories) {
            throw new InvalidDirectoryException("closure exceeds the limit of " + maxDirectories + " directories");
        }
        if (bytes + directory.encodedLength() > maxBytes) {
            throw new InvalidDirectoryException("closure exceeds the limit of " + maxBytes + " bytes of directories");
        }
        for (Directory.Entry<DirectoryNode> e : directory.directories()) {
            Directory child = directories.get(e.node().digest());
            if (child == null) {
                throw new InvalidDirectoryException("unknown directory was referenced: '" + e.name() + "' -> "
                        + e.node().digest().toHex() + " in directory " + digest.toHex());
            }
            long actual = child.size(formula);
            if (actual != e.node().size()) {
                throw new InvalidDirectoryException("directory '" + e.name() + "' (" + e.node().digest().toHex()
                        + ") has wrong size, specified " + Long.toUnsignedString(e.node().size())
                        + ", recorded " + Long.toUnsignedString(actual));
            }
        }
        for (Directory.Entry<DirectoryNode> e : directory.directories()) {
            referenced.add(e.node().digest());
        }
        directories.put(digest, directory);
        bytes += directory.encodedLength();
    }

    /** Number of distinct directories added. */
    public int size() {
        return directories.size();
    }

    /**
     * Checks that the closure has exactly one root (nothing added yet is allowed and gives an
     * empty closure).
     *
     * @throws InvalidDirectoryException "graph has disconnected roots" otherwise
     */
    public ValidatedClosure validate() {
        if (directories.isEmpty()) {
            return new ValidatedClosure(Optional.empty(), Map.of());
        }
        List<B3Digest> roots = new ArrayList<>();
        for (B3Digest d : directories.keySet()) {
            if (!referenced.contains(d)) {
                roots.add(d);
            }
        }
        if (roots.size() != 1) {
            throw new InvalidDirectoryException("graph has disconnected roots: " + roots.size() + " directories are "
                    + "referenced by no other (" + roots.stream().limit(3).map(B3Digest::toHex).toList() + ")");
        }
        return new ValidatedClosure(Optional.of(roots.getFirst()), Collections.unmodifiableMap(directories));
    }

    /** A closure with a single root and every member present. */
    public static final class ValidatedClosure {
        private final Optional<B3Digest> root;
        private final Map<B3Digest, Directory> directories;

        private ValidatedClosure(Optional<B3Digest> root, Map<B3Digest, Directory> directories) {
            this.root = root;
            this.directories = directories;
        }

        /** The root's digest; empty for an empty closure. */
        public Optional<B3Digest> root() {
            return root;
        }

        /** Number of distinct directories. */
        public int size() {
            return directories.size();
        }

        /** Root first, breadth-first, children in name order, each directory once. */
        public List<Directory> rootToLeaves() {
            List<Directory> out = new ArrayList<>(directories.size());
            if (root.isEmpty()) {
                return out;
            }
            Set<B3Digest> seen = new HashSet<>();
            ArrayDeque<B3Digest> queue = new ArrayDeque<>();
            queue.add(root.get());
            seen.add(root.get());
            while (!queue.isEmpty()) {
                Directory d = directories.get(queue.poll());
                out.add(d);
                for (Directory.Entry<DirectoryNode> e : d.directories()) {
                    if (seen.add(e.node().digest())) {
                        queue.add(e.node().digest());
                    }
                }
            }
            return out;
        }

        /** Leaves first, root last (depth-first post-order), each directory once. */
        public List<Directory> leavesToRoot() {
            return root.isEmpty() ? new ArrayList<>() : leavesFirst(root.get(), directories);
        }
    }

    /**
     * The closure of {@code root} ordered leaves first, root last (depth-first post-order), each
     * directory once: an order every putter accepts. {@code closure} must hold every member.
     */
    public static List<Directory> leavesFirst(B3Digest root, Map<B3Digest, Directory> closure) {
        List<Directory> out = new ArrayList<>(closure.size());
        // Iterative post-order: a frame is a directory and the index of its next child.
        record Frame(Directory directory, List<Directory.Entry<DirectoryNode>> children, int[] next) {
            Frame(Directory directory) {
                this(directory, directory.directories(), new int[1]);
            }
        }
        Set<B3Digest> seen = new HashSet<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        seen.add(root);
        stack.push(new Frame(member(root, closure)));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next()[0] < frame.children().size()) {
                B3Digest child = frame.children().get(frame.next()[0]++).node().digest();
                if (seen.add(child)) {
                    stack.push(new Frame(member(child, closure)));
                }
            } else {
                stack.pop();
                out.add(frame.directory());
            }
        }
        return out;
    }

    private static Directory member(B3Digest digest, Map<B3Digest, Directory> closure) {
        Directory d = closure.get(digest);
        if (d == null) {
            throw new InvalidDirectoryException("graph is incomplete: directory " + digest.toHex() + " is missing");
        }
        return d;
    }
}
