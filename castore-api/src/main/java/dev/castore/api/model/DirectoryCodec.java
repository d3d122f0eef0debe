package dev.castore.api.model;

import static dev.castore.api.internal.proto.ProtoReader.expectWireType;
import static dev.castore.api.internal.proto.ProtoWriter.LEN;
import static dev.castore.api.internal.proto.ProtoWriter.VARINT;
import static dev.castore.api.internal.proto.ProtoWriter.lenFieldSize;
import static dev.castore.api.internal.proto.ProtoWriter.varintSize;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.internal.proto.MalformedProtoException;
import dev.castore.api.internal.proto.ProtoReader;
import dev.castore.api.internal.proto.ProtoWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical protobuf codec of {@code castore.v1.Directory} (field numbers of spec section c),
 * by hand so the api needs no protobuf runtime.
 */
final class DirectoryCodec {

    private static final int DIRECTORIES = 1;
    private static final int FILES = 2;
    private static final int SYMLINKS = 3;

    private DirectoryCodec() {}

    static byte[] encode(Directory d) {
        int total = 0;
        for (Map.Entry<PathComponent, Node> e : d.entries().entrySet()) {
            total += lenFieldSize(entrySize(e.getKey(), e.getValue()));
        }
        ProtoWriter w = new ProtoWriter(total);
        // Field order is the canonical one: all directories, then files, then symlinks.
        for (int field = DIRECTORIES; field <= SYMLINKS; field++) {
            for (Map.Entry<PathComponent, Node> e : d.entries().entrySet()) {
                if (fieldOf(e.getValue()) == field) {
                    w.lenHeader(field, entrySize(e.getKey(), e.getValue()));
                    writeEntry(w, e.getKey(), e.getValue());
                }
            }
        }
        return w.finish();
    }

    private static int fieldOf(Node n) {
        return switch (n) {
            case DirectoryNode d -> DIRECTORIES;
            case FileNode f -> FILES;
            case SymlinkNode s -> SYMLINKS;
        };
    }

    private static int entrySize(PathComponent name, Node node) {
        int size = lenFieldSize(name.length());
        return size + switch (node) {
            case DirectoryNode d -> lenFieldSize(B3Digest.LENGTH) + (d.size() != 0 ? 1 + varintSize(d.size()) : 0);
            case FileNode f -> lenFieldSize(B3Digest.LENGTH) + (f.size() != 0 ? 1 + varintSize(f.size()) : 0)
                    + (f.executable() ? 2 : 0);
            case SymlinkNode s -> lenFieldSize(s.target().rawBytes().length);
        };
    }

    private static void writeEntry(ProtoWriter w, PathComponent name, Node node) {
        w.bytesField(1, name.rawBytes());
        switch (node) {
            case DirectoryNode d -> {
                w.bytesField(2, d.digest().toBytes());
                if (d.size() != 0) {
                    w.varintField(3, d.size());
                }
            }
            case FileNode f -> {
                w.bytesField(2, f.digest().toBytes());
                if (f.size() != 0) {
                    w.varintField(3, f.size());
                }
                if (f.executable()) {
                    w.varintField(4, 1);
                }
            }
            case SymlinkNode s -> w.bytesField(2, s.target().rawBytes());
        }
    }

    static Directory decode(byte[] bytes, int offset, int length) {
        try {
            return decodeValidated(bytes, offset, length);
        } catch (MalformedProtoException e) {
            throw new InvalidDirectoryException("malformed Directory message: " + e.getMessage(), e);
        }
    }

    private static Directory decodeValidated(byte[] bytes, int offset, int length) {
        if (length > Directory.MAX_ENCODED_LENGTH) {
            throw new InvalidDirectoryException("directory message of " + length + " bytes exceeds the limit of "
                    + Directory.MAX_ENCODED_LENGTH + " bytes");
        }
        ProtoReader r = new ProtoReader(bytes, offset, length);
        TreeMap<PathComponent, Node> entries = new TreeMap<>();
        PathComponent[] last = new PathComponent[4];
        int[] counts = new int[4];
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            if (field < DIRECTORIES || field > SYMLINKS) {
                r.skip(tag & 7);
                continue;
            }
            String list = field == DIRECTORIES ? "directories" : field == FILES ? "files" : "symlinks";
            expectWireType(tag, LEN, list);
            int start = r.readLengthDelimited();
            ProtoReader entry = new ProtoReader(bytes, start, r.position() - start);
            Map.Entry<PathComponent, Node> decoded = switch (field) {
                case DIRECTORIES -> decodeDigestEntry(entry, false);
                case FILES -> decodeDigestEntry(entry, true);
                default -> decodeSymlinkEntry(entry);
            };
            PathComponent name = decoded.getKey();
            if (last[field] != null && last[field].compareTo(name) >= 0) {
                throw new InvalidDirectoryException(last[field].equals(name)
                        ? "duplicate name '" + name + "' in " + list
                        : list + " not sorted: '" + name + "' follows '" + last[field] + "'");
            }
            last[field] = name;
            if (entries.putIfAbsent(name, decoded.getValue()) != null) {
                throw new InvalidDirectoryException("duplicate name '" + name + "' across the lists of the directory");
            }
            counts[field]++;
            if (entries.size() > Directory.MAX_ENTRIES) {
                throw new InvalidDirectoryException("directory has more than " + Directory.MAX_ENTRIES + " entries");
            }
        }
        return Directory.ofValidated(entries, counts[DIRECTORIES], counts[FILES], counts[SYMLINKS]);
    }

    /**
     * A DirectoryNode, or with {@code file} a FileNode: the same fields name, digest and size, and
     * a FileNode's executable bit (field 4, an unknown field of a DirectoryNode).
     */
    private static Map.Entry<PathComponent, Node> decodeDigestEntry(ProtoReader r, boolean file) {
        byte[] name = null;
        byte[] digest = null;
        long size = 0;
        boolean executable = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> { expectWireType(tag, LEN, "name"); name = r.readBytes(); }
                case 2 -> { expectWireType(tag, LEN, "digest"); digest = r.readBytes(); }
                case 3 -> { expectWireType(tag, VARINT, "size"); size = r.readVarint(); }
                case 4 -> {
                    if (file) {
                        expectWireType(tag, VARINT, "executable");
                        executable = r.readVarint() != 0;
                    } else {
                        r.skip(tag & 7);
                    }
                }
                default -> r.skip(tag & 7);
            }
        }
        PathComponent n = name(name);
        B3Digest d = digest(digest, n);
        return Map.entry(n, file ? new FileNode(d, size, executable) : new DirectoryNode(d, size));
    }

    private static Map.Entry<PathComponent, Node> decodeSymlinkEntry(ProtoReader r) {
        byte[] name = null;
        byte[] target = new byte[0];
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> { expectWireType(tag, LEN, "name"); name = r.readBytes(); }
                case 2 -> { expectWireType(tag, LEN, "target"); target = r.readBytes(); }
                default -> r.skip(tag & 7);
            }
        }
        PathComponent n = name(name);
        try {
            return Map.entry(n, new SymlinkNode(SymlinkTarget.wrap(target)));
        } catch (InvalidDirectoryException e) {
            throw new InvalidDirectoryException("symlink '" + n + "': " + e.getMessage(), e);
        }
    }

    private static PathComponent name(byte[] name) {
        return PathComponent.wrap(name == null ? new byte[0] : name);
    }

    private static B3Digest digest(byte[] digest, PathComponent name) {
        int len = digest == null ? 0 : digest.length;
        if (len != B3Digest.LENGTH) {
            throw new InvalidDirectoryException("entry '" + name + "': invalid digest length: " + len);
        }
        return B3Digest.of(digest);
    }
}
