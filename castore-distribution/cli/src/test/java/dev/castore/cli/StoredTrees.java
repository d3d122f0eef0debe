package dev.castore.cli;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.model.Directory;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Trees built in memory stores, for the tests of the commands that read them. */
public final class StoredTrees {

    public final MemoryBlobService blobs = new MemoryBlobService();
    public final MemoryDirectoryService directories = new MemoryDirectoryService();

    public B3Digest blob(String content) throws IOException {
        try (BlobWriter w = blobs.openWriter()) {
            w.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            return w.commit();
        }
    }

    /** Puts a closure given leaves first; returns the root. */
    public Directory put(List<Directory> leavesFirst) throws IOException {
        try (DirectoryPutter p = directories.putter()) {
            for (Directory d : leavesFirst) {
                p.put(d);
            }
            p.commit();
        }
        return leavesFirst.getLast();
    }

    /** A chain of {@code levels} nested directories {@code d}, the innermost holding the file {@code f} ("payload"). */
    public Directory chain(int levels) throws IOException {
        B3Digest payload = blob("payload");
        List<Directory> leavesFirst = new ArrayList<>(levels);
        Directory d = Directory.builder().file("f", payload, 7, false).build();
        leavesFirst.add(d);
        for (int i = 1; i < levels; i++) {
            d = Directory.builder().directory("d", d).build();
            leavesFirst.add(d);
        }
        return put(leavesFirst);
    }

    /** {@code subdirectories} directories {@code d000}, ..., each with a file {@code f} holding "payload". */
    public Directory wide(int subdirectories) throws IOException {
        B3Digest payload = blob("payload");
        Directory leaf = Directory.builder().file("f", payload, 7, false).build();
        Directory.Builder root = Directory.builder();
        for (int i = 0; i < subdirectories; i++) {
            root.directory(String.format("d%03d", i), leaf);
        }
        return put(List.of(leaf, root.build()));
    }

    /**
     * {@code subdirectories} directories {@code d00}, ..., each with a file {@code f} holding
     * "payload", but for {@code broken}, whose file's blob is not in the store.
     */
    public Directory missingBlobAt(int subdirectories, int broken) throws IOException {
        B3Digest payload = blob("payload");
        Directory good = Directory.builder().file("f", payload, 7, false).build();
        B3Digest absent = Blake3.hash("never stored".getBytes(StandardCharsets.UTF_8));
        Directory missing = Directory.builder().file("f", absent, 12, false).build();
        Directory.Builder root = Directory.builder();
        for (int i = 0; i < subdirectories; i++) {
            root.directory(String.format("d%02d", i), i == broken ? missing : good);
        }
        return put(List.of(good, missing, root.build()));
    }

    /**
     * A closure of {@code levels + 1} directories in which each holds the next one twice ({@code a}
     * and {@code b}), the last holding the file {@code f} ("payload"): 2^levels paths to that file.
     */
    public Directory doubling(int levels) throws IOException {
        B3Digest payload = blob("payload");
        List<Directory> leavesFirst = new ArrayList<>(levels + 1);
        Directory d = Directory.builder().file("f", payload, 7, false).build();
        leavesFirst.add(d);
        for (int i = 0; i < levels; i++) {
            d = Directory.builder().directory("a", d).directory("b", d).build();
            leavesFirst.add(d);
        }
        return put(leavesFirst);
    }

    /** The stored closure of {@code root}, by digest. */
    public Map<B3Digest, Directory> closure(Directory root) throws IOException {
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (Stream<Directory> s = directories.getRecursive(root.digest()).asStream()) {
            s.forEach(d -> closure.put(d.digest(), d));
        }
        return closure;
    }
}
