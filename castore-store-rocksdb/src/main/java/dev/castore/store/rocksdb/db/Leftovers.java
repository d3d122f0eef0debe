package dev.castore.store.rocksdb.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table and blob files that a killed process left half-written (a flush or compaction that never
 * reached the manifest). RocksDB deletes such files when it opens a database; this is the check
 * that it did, and the cleanup where it did not: files listed before the open and not live after
 * it are removed. Files created during or after the open were not listed, so a background job's
 * new output is never touched.
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final Set<String> before;

    private Leftovers(Set<String> before) {
        this.before = before;
    }

    /** The table and blob files in {@code dir}, taken before the database is opened. */
    static Leftovers list(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(Leftovers::isDataFile).forEach(names::add);
            }
        }
        return new Leftovers(names);
    }

    /** Whether {@code name} is one of RocksDB's table or blob files. */
    static boolean isDataFile(String name) {
        return name.endsWith(".sst") || name.endsWith(".blob");
    }

    /** Deletes the listed files that the opened database does not use; returns how many. */
    int removeUnused(RocksDB db, Path dir) throws RocksDBException, IOException {
        if (before.isEmpty()) {
            return 0;
        }
        Set<String> live = new HashSet<>();
        List<String> files = db.getLiveFiles(false).files;
        for (String f : files) {
            live.add(f.startsWith("/") ? f.substring(1) : f);
        }
        int removed = 0;
        for (String name : before) {
            if (!live.contains(name) && Files.deleteIfExists(dir.resolve(name))) {
                LOG.info("{}: removed {}, left unfinished by an earlier process", dir, name);
                removed++;
            }
        }
        return removed;
    }
}
