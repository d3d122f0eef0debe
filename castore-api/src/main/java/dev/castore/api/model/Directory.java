package dev.castore.api.model;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A directory: a set of uniquely named entries, each a {@link DirectoryNode}, {@link FileNode}
 * or {@link SymlinkNode}. Immutable and valid by construction.
 *
 * <p>Its identity is {@link #digest()}, the BLAKE3 of its canonical protobuf encoding
 * ({@link #encode()}): directory entries (field 1), then files (field 2), then symlinks (field 3),
 * each list sorted by name, proto3 defaults omitted. {@link #decode(byte[])} reads that encoding
 * strictly.
 */
public final class Directory {

    /**
     * The most entries a directory may have: 1,048,576. tvix and snix carry directories in gRPC
     * messages of at most 4 MiB, which hold at most 524,288 entries (8 bytes the smallest), so
     * no directory they exchange comes near it. Decoding and building refuse more.
     */
    public static final int MAX_ENTRIES = 1 << 20;

    /**
     * The longest encoding a directory may have: 64 MiB, 16 times the 4 MiB gRPC message limit
     * tvix and snix use, and 6 times Bigtable's cell limit. Decoding refuses longer input before
     * parsing it, and readers of stored closures refuse a longer frame before reading it.
     */
    public static final int MAX_ENCODED_LENGTH = 64 << 20;

    /** The empty directory; its digest equals the empty blob's. */
    public static final Directory EMPTY = new Directory(new TreeMap<>(), 0, 0, 0);

    /** A named entry of a directory. */
    public record Entry<N extends Node>(PathComponent name, N node) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
        }
    }

    private final SortedMap<PathComponent, Node> entries;
    private final int directoryCount;
    private final int fileCount;
    private final int symlinkCount;
    private final long sizeTvix;
    private final long childSizes;
    private volatile byte[] encoding;
    private volatile List<Entry<DirectoryNode>> directoryEntries;
    private volatile B3Digest digest;

    private Directory(TreeMap<PathComponent, Node> entries, int directories, int files, int symlinks) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.directoryCount = directories;
        this.fileCount = files;
        this.symlinkCount = symlinks;
        long entryCount = entries.size();
        long childSizes = 0;
        for (Node n : entries.values()) {
            if (n instanceof DirectoryNode d) {
                childSizes = addUnsigned(childSizes, d.size());
            }
        }
        this.childSizes = childSizes;
        this.sizeTvix = addUnsigned(2 * entryCount, childSizes);
    }

    private static long addUnsigned(long a, long b) {
        long sum = a + b;
        if (Long.compareUnsigned(sum, a) < 0) {
            throw new InvalidDirectoryException("directory size overflows an unsigned 64-bit integer");
        }
        return sum;
    }

    /** A builder for a directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every entry, sorted by name. */
    public SortedMap<PathComponent, Node> entries() {
        return entries;
    }

    /** The node named {@code name}, if any. */
    public Optional<Node> get(PathComponent name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The child directory entries, sorted by name. */
    public List<Entry<DirectoryNode>> directories() {
        // Traversals ask for this on every step; computed once.
        List<Entry<DirectoryNode>> d = directoryEntries;
        if (d == null) {
            d = entriesOf(DirectoryNode.class, directoryCount);
            directoryEntries = d;
        }
        return d;
    }

    /** The file entries, sorted by name. */
    public List<Entry<FileNode>> files() {
        return entriesOf(FileNode.class, fileCount);
    }

    /** The symlink entries, sorted by name. */
    public List<Entry<SymlinkNode>> symlinks() {
        return entriesOf(SymlinkNode.class, symlinkCount);
    }

    private <N extends Node> List<Entry<N>> entriesOf(Class<N> kind, int count) {
        List<Entry<N>> out = new ArrayList<>(count);
        for (Map.Entry<PathComponent, Node> e : entries.entrySet()) {
            if (kind.isInstance(e.getValue())) {
                out.add(new Entry<>(e.getKey(), kind.cast(e.getValue())));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether this directory has no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The size tvix/snix compute and check: {@link SizeFormula#TVIX_COMPAT}. */
    public long size() {
        return sizeTvix;
    }

    /** The size under the given formula (unsigned 64-bit). */
    public long size(SizeFormula formula) {
        // The documented size is smaller than the tvix one, which did not overflow; computed only when asked.
        return formula == SizeFormula.TVIX_COMPAT ? sizeTvix : entries.size() + childSizes;
    }

    /** The canonical protobuf encoding (a fresh copy). */
    public byte[] encode() {
        return encoding().clone();
    }

    /** Length of the canonical encoding in bytes. */
    public int encodedLength() {
        return encoding().length;
    }

    private byte[] encoding() {
        byte[] e = encoding;
        if (e == null) {
            e = DirectoryCodec.encode(this);
            encoding = e;
        }
        return e;
    }

    /** BLAKE3 of the canonical encoding. */
    public B3Digest digest() {
        B3Digest d = digest;
        if (d == null) {
            d = Blake3.hash(encoding());
            digest = d;
        }
        return d;
    }

    /**
     * Decodes a protobuf {@code Directory} message and validates it: names, per-list order,
     * uniqueness across lists, digest lengths, symlink targets, size overflow. Unknown fields are
     * skipped (as protobuf decoders do), so the result's digest is that of its canonical
     * re-encoding, which equals the BLAKE3 of {@code bytes} exactly when they were canonical.
     *
     * @throws InvalidDirectoryException when the bytes are malformed or the directory invalid
     */
    public static Directory decode(byte[] bytes) {
        return DirectoryCodec.decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}, as {@link #decode(byte[])}. */
    public static Directory decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return DirectoryCodec.decode(bytes, offset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Directory other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Directory[" + digest().toHex() + ", " + entries.size() + " entries]";
    }

    /** Collects entries in any order; {@link #build()} validates and sorts. */
    public static final class Builder {
        private final TreeMap<PathComponent, Node> entries = new TreeMap<>();
        private int directories;
        private int files;
        private int symlinks;

        private Builder() {}

        /** Adds {@code node} under {@code name}; a name may be used once across all kinds. */
        public Builder add(PathComponent name, Node node) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
            if (entries.size() >= MAX_ENTRIES && !entries.containsKey(name)) {
                throw new InvalidDirectoryException("a directory has at most " + MAX_ENTRIES + " entries");
            }
            if (entries.putIfAbsent(name, node) != null) {
                throw new InvalidDirectoryException("duplicate name '" + name + "' in directory");
            }
            switch (node) {
                case DirectoryNode d -> directories++;
                case FileNode f -> files++;
                case SymlinkNode s -> symlinks++;
            }
            return this;
        }

        /** Adds a child directory entry. */
        public Builder directory(String name, B3Digest digest, long size) {
            return add(PathComponent.of(name), new DirectoryNode(digest, size));
        }

        /** Adds a child directory entry referring to {@code child}. */
        public Builder directory(String name, Directory child) {
            return add(PathComponent.of(name), DirectoryNode.of(child));
        }

        /** Adds a file entry. */
        public Builder file(String name, B3Digest digest, long size, boolean executable) {
            return add(PathComponent.of(name), new FileNode(digest, size, executable));
        }

        /** Adds a symlink entry. */
        public Builder symlink(String name, String target) {
            return add(PathComponent.of(name), new SymlinkNode(SymlinkTarget.of(target)));
        }

        /** The directory; throws {@link InvalidDirectoryException} if its size overflows. */
        public Directory build() {
            return new Directory(new TreeMap<>(entries), directories, files, symlinks);
        }
    }

    /** Used by the decoder, which has already checked order and uniqueness. */
    static Directory ofValidated(TreeMap<PathComponent, Node> entries, int directories, int files, int symlinks) {
        return new Directory(entries, directories, files, symlinks);
    }
}
