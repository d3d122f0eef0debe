package dev.castore.store.bigtable;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryGraph;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a validated closure into levels by height: level 0 holds the directories without child
 * directories, level n those whose deepest child is on level n - 1. Writing the levels in order,
 * each level in parallel, never makes a directory visible before its children.
 */
final class ClosureLevels {

    private ClosureLevels() {}

    static List<List<Directory>> of(DirectoryGraph.ValidatedClosure closure) {
        Map<B3Digest, Integer> height = new HashMap<>();
        List<List<Directory>> levels = new ArrayList<>();
        // Leaves to root: every child's height is known before its parent is reached.
        for (Directory d : closure.leavesToRoot()) {
            int h = 0;
            for (Directory.Entry<DirectoryNode> e : d.directories()) {
                h = Math.max(h, height.get(e.node().digest()) + 1);
            }
            height.put(d.digest(), h);
            while (levels.size() <= h) {
                levels.add(new ArrayList<>());
            }
            levels.get(h).add(d);
        }
        return levels;
    }
}
