package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.model.Directory;
import dev.castore.cli.export.TreeExporter;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export against a hostile writer in the destination's parent: while a tree of hundreds of
 * subdirectories is written, another thread keeps replacing every directory and file it finds
 * there with a symlink to a directory outside. Whatever the export then does (finish or fail),
 * nothing outside may be created, written or have its mode changed.
 */
class ExportRaceTest {

    private static final int RUNS = 12;

    @Test
    void aWriterSwappingDirectoriesAndFilesForSymlinksCannotMakeExportTouchAnythingOutside(@TempDir Path tmp)
            throws Exception {
        StoredTrees trees = new StoredTrees();
        Directory root = trees.wide(300);
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> before = snapshot(outside);
        int swaps = 0;
        for (int run = 0; run < RUNS; run++) {
            Path parent = Files.createDirectory(tmp.resolve("run" + run));
            Attacker attacker = new Attacker(parent, outside, victim);
            Thread thread = Thread.ofPlatform().start(attacker);
            try {
                new TreeExporter(trees.blobs, trees.directories, false).exportDirectory(root.digest(), parent.resolve("dest"));
            } catch (IOException | RuntimeException refused) {
                // Failing is allowed; writing outside is not.
            } finally {
                attacker.stop.set(true);
                thread.join();
            }
            swaps += attacker.swaps.get();
            assertEquals(List.of(), differences(before, snapshot(outside)), "run " + run + " changed what is outside");
        }
        assertEquals(true, swaps > 0, "the attacker never got to swap anything");
    }

    /** The first few entries that were added, removed or changed. */
    private static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (String k : union(before.keySet(), after.keySet())) {
            if (!Objects.equals(before.get(k), after.get(k)) && out.size() < 5) {
                out.add(k + ": " + before.get(k) + " -> " + after.get(k));
            }
        }
        return out;
    }

    /** Every entry below {@code dir} with its kind, mode and content. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                entries.put(dir.relativize(d) + "/", mode(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                entries.put(dir.relativize(f).toString(), mode(f) + " " + (attrs.isRegularFile() ? Files.readString(f) : "?"));
                return FileVisitResult.CONTINUE;
            }
        });
        return entries;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Replaces each directory and file it finds below {@code parent} with a symlink to outside. */
    private static final class Attacker implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger swaps = new AtomicInteger();
        private final Path parent;
        private final Path outside;
        private final Path victim;

        Attacker(Path parent, Path outside, Path victim) {
            this.parent = parent;
            this.outside = outside;
            this.victim = victim;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                for (Path p : entries()) {
                    swap(p);
                }
            }
        }

        private List<Path> entries() {
            List<Path> out = new ArrayList<>();
            try (var s = Files.walk(parent)) {
                s.filter(p -> !p.equals(parent) && !p.getFileName().toString().endsWith(".moved")).forEach(out::add);
            } catch (IOException | RuntimeException e) {
                // The tree changes under the walk: take what was seen.
            }
            return out;
        }

        private void swap(Path p) {
            try {
                boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!directory && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                Files.move(p, p.resolveSibling(p.getFileName() + ".moved"));
                Files.createSymbolicLink(p, directory ? outside : victim);
                swaps.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                // Lost a race with the exporter: try the next one.
            }
        }
    }
}
