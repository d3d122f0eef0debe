package dev.castore.testkit;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.util.List;

/** Helpers for directory tests: put a closure through one putter, as a client sends one. */
public final class Directories {

    private Directories() {}

    /** Puts {@code leavesFirst}, in order, through one putter of {@code service}; returns the root it committed. */
    public static B3Digest putAll(DirectoryService service, List<Directory> leavesFirst) throws IOException {
        try (DirectoryPutter p = service.putter()) {
            for (Directory d : leavesFirst) {
                p.put(d);
            }
            return p.commit();
        }
    }
}
