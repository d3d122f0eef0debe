package dev.castore.cli.export;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tree weighs once written out: its entries and file bytes counted at every path, so a
 * subtree that occurs twice counts twice. A closure stores each distinct directory once; a few
 * directories that each hold the next one twice expand to 2^n paths. Computed over the distinct
 * directories, leaves first, in time linear in the closure; sums saturate at {@link Long#MAX_VALUE}.
 *
 * @param entries files, symlinks and directories below the root, at every path
 * @param bytes the sizes of the files, at every path
 * @param files the files, at every path
 * @param distinctDirectories the directories of the closure, the root included
 */
record ExpandedSize(long entries, long bytes, long files, int distinctDirectories) {

    /** The expanded size of {@code root}, whose closure {@code closure} holds. */
    static ExpandedSize of(B3Digest root, Map<B3Digest, Directory> closure) {
        List<Directory> leavesFirst = DirectoryGraph.leavesFirst(root, closure);
        Map<B3Digest, long[]> sizes = new HashMap<>();
        long[] last = {0, 0, 0};
        for (Directory d : leavesFirst) {
            long entries = d.entries().size();
            long bytes = 0;
            long files = d.files().size();
            for (Directory.Entry<FileNode> f : d.files()) {
                bytes = add(bytes, f.node().size() < 0 ? Long.MAX_VALUE : f.node().size());
            }
            for (Directory.Entry<DirectoryNode> child : d.directories()) {
                long[] c = sizes.get(child.node().digest());
                entries = add(entries, c[0]);
                bytes = add(bytes, c[1]);
                files = add(files, c[2]);
            }
            last = new long[] {entries, bytes, files};
            sizes.put(d.digest(), last);
        }
        return new ExpandedSize(last[0], last[1], last[2], leavesFirst.size());
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
