package dev.castore.cli.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Empties a directory, whatever its depth, with two descriptors open at a time. Each pass lists
 * the directory: other entries are removed, and each subdirectory is emptied of its files and
 * symlinks, its own subdirectories are moved up into the top directory (to be emptied by a later
 * pass), and it is removed. Every call is relative to a descriptor of a directory opened without
 * following symlinks, so nothing outside the top directory is touched, even if someone swaps
 * entries meanwhile.
 */
final class TreeRemoval {

    private TreeRemoval() {}

    static void removeContents(DirectoryHandle top) throws IOException {
        long moved = 0;
        while (true) {
            var names = top.names();
            if (names.isEmpty()) {
                return;
            }
            for (byte[] name : names) {
                if (top.removeUnlessDirectory(name)) {
                    continue;
                }
                try (DirectoryHandle dir = top.openDirectory(name, () -> top.path(name))) {
                    for (byte[] child : dir.names()) {
                        if (!dir.removeUnlessDirectory(child)) {
                            moved = moveUp(dir, child, top, moved);
                        }
                    }
                }
                top.removeEmptyDirectory(name);
            }
        }
    }

    /** Moves the directory {@code name} of {@code dir} into {@code top} under a fresh name; the next counter. */
    private static long moveUp(DirectoryHandle dir, byte[] name, DirectoryHandle top, long counter) throws IOException {
        while (true) {
            byte[] fresh = (".castore-removing-" + counter++).getBytes(StandardCharsets.US_ASCII);
            // A plain rename: it can only replace an empty directory, and everything here goes anyway.
            int r = dir.rename(name, top, fresh, 0);
            if (r == 0) {
                return counter;
            }
            if (r != Libc.EEXIST && r != Libc.ENOTEMPTY && r != Libc.ENOTDIR) {
                throw DirectoryHandle.failure(r, dir.path(name));
            }
        }
    }
}
