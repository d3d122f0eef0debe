package dev.castore.store.bigtable;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Closures of distinct directories for tests and measurements, each listed leaves first. */
final class Closures {

    private Closures() {}

    /** A directory with one file whose digest depends on {@code seed} and {@code n}: distinct per (seed, n). */
    static Directory leaf(long seed, int n) {
        B3Digest content = Blake3.hash(ByteBuffer.allocate(12).putLong(seed).putInt(n).array());
        return Directory.builder().file("file-" + n, content, n, n % 2 == 0).build();
    }

    /** A complete tree of the given fan-out and depth (depth 0 is a single leaf), leaves first. */
    static List<Directory> tree(long seed, int fanOut, int depth) {
        List<Directory> out = new ArrayList<>();
        build(seed, fanOut, depth, new int[] {0}, out);
        return out;
    }

    private static Directory build(long seed, int fanOut, int depth, int[] counter, List<Directory> out) {
        Directory d;
        if (depth == 0) {
            d = leaf(seed, counter[0]++);
        } else {
            Directory.Builder b = Directory.builder();
            for (int i = 0; i < fanOut; i++) {
                b.directory(String.format("d%03d", i), build(seed, fanOut, depth - 1, counter, out));
            }
            d = b.build();
        }
        out.add(d);
        return d;
    }

    /** A chain: each directory holds the previous one, so every level has one directory. */
    static List<Directory> chain(long seed, int length) {
        List<Directory> out = new ArrayList<>();
        Directory d = leaf(seed, 0);
        out.add(d);
        for (int i = 1; i < length; i++) {
            d = Directory.builder().directory("up", d).file("f", Blake3.hash(new byte[] {(byte) i}), i, false).build();
            out.add(d);
        }
        return out;
    }
}
