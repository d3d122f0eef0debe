package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Directories;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Puts and gets per second of small directories, on the Bigtable emulator and on the memory store
 * in the same run. Not part of the default test run (its name does not end in Test); run it with
 * {@code ./mvnw -pl castore-store-bigtable verify -Dtest=BigtableDirectoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class BigtableDirectoryBenchmark {

    private static final int COUNT = Integer.getInteger("benchmark.count", 3000);
    private static final int THREADS = 8;

    @Test
    void measure() throws Exception {
        TestEmulator emulator = TestEmulator.shared();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%-10s %-34s %12s%n", "store", "operation (" + COUNT + " small directories)", "per second"));
        try (BigtableDirectoryService bigtable = emulator.newService()) {
            // A first round of each warms up the JIT, the client and the emulator; the second is reported.
            run("bigtable", bigtable, 1, new StringBuilder());
            run("bigtable", bigtable, 2, report);
        }
        run("memory", new MemoryDirectoryService(), 1, new StringBuilder());
        run("memory", new MemoryDirectoryService(), 2, report);
        System.out.print(report);
    }

    private static void run(String name, DirectoryService service, long seed, StringBuilder report) throws Exception {
        List<Directory> leaves = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            leaves.add(Closures.leaf(seed, i));
        }
        List<Directory> singles = leaves.subList(0, COUNT / 2);
        List<Directory> parallel = leaves.subList(COUNT / 2, COUNT);
        line(report, name, "put, 1 thread", time(() -> each(service, singles, true)), singles.size());
        line(report, name, "put, " + THREADS + " threads", time(() -> inParallel(service, parallel, true)), parallel.size());
        line(report, name, "get, 1 thread", time(() -> each(service, singles, false)), singles.size());
        line(report, name, "get, " + THREADS + " threads", time(() -> inParallel(service, parallel, false)), parallel.size());
        List<Directory> tree = Closures.tree(seed + 100, 4, 5); // 1365 directories
        B3Digest root = tree.getLast().digest();
        line(report, name, "putter, tree of " + tree.size(), time(() -> Directories.putAll(service, tree)), tree.size());
        line(report, name, "getRecursive, tree of " + tree.size(), time(() -> {
            try (Stream<Directory> s = service.getRecursive(root).asStream()) {
                assertEquals(tree.size(), s.count());
            }
        }), tree.size());
    }

    private static void each(DirectoryService service, List<Directory> dirs, boolean put) throws IOException {
        for (Directory d : dirs) {
            if (put) {
                service.put(d);
            } else {
                assertEquals(d, service.get(d.digest()).orElseThrow());
            }
        }
    }

    private static void inParallel(DirectoryService service, List<Directory> dirs, boolean put) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            int per = (dirs.size() + THREADS - 1) / THREADS;
            for (int t = 0; t < THREADS; t++) {
                List<Directory> part = dirs.subList(Math.min(dirs.size(), t * per), Math.min(dirs.size(), (t + 1) * per));
                parts.add(pool.submit(() -> {
                    each(service, part, put);
                    return null;
                }));
            }
            for (Future<Void> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void line(StringBuilder report, String store, String operation, long nanos, int count) {
        report.append(String.format(Locale.ROOT, "%-10s %-34s %12.0f%n", store, operation, count * 1e9 / nanos));
    }
}
