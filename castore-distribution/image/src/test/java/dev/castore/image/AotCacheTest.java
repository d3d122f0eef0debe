package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's ahead-of-time caches cover the plugins a command uses most, not only the image's
 * own modules: a command on the embedded default store and one through the gRPC client take
 * their plugins' classes from the cache instead of parsing them from the jars. Every command, the
 * daemon included, uses the one cache, made with the image's modules (the native BLAKE3 among
 * them), with its module graph and classes linked ahead of time.
 */
class AotCacheTest {

    private static final String FROM_CACHE = " source: shared objects file";

    @Test
    void aCommandOnTheDefaultStoreTakesTheRocksdbPluginFromTheCache(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "cached classes");
        Path log = tmp.resolve("classes.log");
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_JAVA_OPTS", "-Xlog:class+load:file=" + log), "import", "-q", file.toString());
        assertEquals(0, r.code(), r.err());

        List<String> loaded = Files.readAllLines(log);
        assertLoadedFromCache(loaded, "dev.castore.store.rocksdb.RocksDbProvider");
        assertLoadedFromCache(loaded, "org.rocksdb.RocksDB");
        assertEquals(List.of(), fromJars(loaded, "/plugins/rocksdb/"));
        // picocli's classes too: the image links them as Java 8 class files, which the cache keeps.
        assertLoadedFromCache(loaded, "picocli.CommandLine");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains(" source: jrt:/info.picocli")).toList());
    }

    @Test
    void aCommandThroughTheDaemonTakesTheGrpcClientFromTheCache(@TempDir Path tmp) throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            Path file = Files.writeString(tmp.resolve("f"), "through the daemon");
            Path log = tmp.resolve("classes.log");
            Image.Result r = Image.run(Map.of("CASTORE_STORE", daemon.url(), "CASTORE_JAVA_OPTS", "-Xlog:class+load:file=" + log),
                    "import", "-q", file.toString());
            assertEquals(0, r.code(), r.err());

            List<String> loaded = Files.readAllLines(log);
            assertLoadedFromCache(loaded, "dev.castore.store.grpc.client.GrpcBlobService");
            assertLoadedFromCache(loaded, "io.grpc.ManagedChannelBuilder");
            assertLoadedFromCache(loaded, "com.google.protobuf.GeneratedMessage");
            // Only netty's JFR event classes, which the JVM never caches, come from the jars.
            List<String> parsed = fromJars(loaded, "/plugins/grpc/");
            assertTrue(parsed.stream().allMatch(l -> l.contains("Event source:")), String.join("\n", parsed));
        }
    }

    @Test
    void lsAndStatThroughTheDaemonTakeTheGrpcClientFromTheFullCache(@TempDir Path tmp) throws Exception {
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            Path src = tmp.resolve("src");
            Files.createDirectories(src);
            Files.writeString(src.resolve("f"), "listed through the daemon");
            Image.Result imported = Image.run(Map.of("CASTORE_STORE", daemon.url()), "import", "-q", src.toString());
            assertEquals(0, imported.code(), imported.err());
            String root = imported.out().strip();
            String fullCache = Image.home().toAbsolutePath().toRealPath().resolve("lib/castore.aot").toString();

            // The store named by the environment, by --store and by -s: the listing cache, made on
            // the default store alone, lacks the gRPC client.
            List<Map<String, String>> envs = List.of(Map.of("CASTORE_STORE", daemon.url()), Map.of(), Map.of());
            List<List<String>> commands = List.of(List.of("ls", root), List.of("ls", "--store", daemon.url(), root),
                    List.of("stat", "-s", daemon.url(), root + ":f"));
            for (int i = 0; i < commands.size(); i++) {
                Path log = tmp.resolve("classes-" + i + ".log");
                Path aot = tmp.resolve("aot-" + i + ".log");
                Map<String, String> env = new HashMap<>(envs.get(i));
                env.put("CASTORE_JAVA_OPTS", "-Xlog:class+load:file=" + log + " -Xlog:aot=info:file=" + aot);
                Image.Result r = Image.run(env, commands.get(i).toArray(String[]::new));
                assertEquals(0, r.code(), r.err());
                List<String> opened = Files.readAllLines(aot);
                assertTrue(opened.stream().anyMatch(l -> l.endsWith("Opened AOT cache " + fullCache + ".")),
                        commands.get(i) + "\n" + String.join("\n", opened));
                assertLoadedFromCache(Files.readAllLines(log), "io.grpc.ManagedChannelBuilder");
            }
        }
    }

    @Test
    void importsFindEveryLambdaFormTheyResolveInTheCache(@TempDir Path tmp) throws Exception {
        // TRACE_RESOLVE prints each lambda form resolved: "(fail)" is one the JVM then generates.
        String trace = "-Djava.lang.invoke.MethodHandle.TRACE_RESOLVE=true";
        Path file = Files.writeString(tmp.resolve("f"), "forms from the cache");
        Image.Result local = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_JAVA_OPTS", trace),
                "import", "-q", file.toString());
        assertEquals(0, local.code(), local.err());
        assertTrue(local.out().contains("[LF_RESOLVE]"), "the trace is on: " + local.out());
        assertEquals(List.of(), generated(local.out()));
        try (ImageDaemon daemon = ImageDaemon.start(Map.of(), "--store", "memory://")) {
            Image.Result remote = Image.run(Map.of("CASTORE_STORE", daemon.url(), "CASTORE_JAVA_OPTS", trace),
                    "import", "-q", "--no-files-cache", file.toString());
            assertEquals(0, remote.code(), remote.err());
            assertEquals(List.of(), generated(remote.out()));
        }
    }

    private static List<String> generated(String trace) {
        return trace.lines().filter(l -> l.startsWith("[LF_RESOLVE]") && l.endsWith("(fail)")).toList();
    }

    @Test
    void aCommandStartsWithTheCachedModuleGraphAndClassesLinkedAheadOfTime(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("aot.log");
        // A global option before the subcommand, as the launcher must skip it to find the command.
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_JAVA_OPTS", "-Xlog:aot=info:file=" + log), "--plugins", Image.home().resolve("plugins").toString(),
                "plugins");
        assertEquals(0, r.code(), r.err());

        List<String> lines = Files.readAllLines(log);
        String opened = "Opened AOT cache " + Image.home().toAbsolutePath().toRealPath().resolve("lib/castore.aot") + ".";
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(opened)), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("] initial full module graph: enabled")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("] Using AOT-linked classes: true")), String.join("\n", lines));
    }

    @Test
    void lsStatAndRootsTakeEveryClassFromACacheMadeFromThemAlone(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/f"), "listed");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        assertEquals(0, Image.run(env, "import", "-q", "--name", "t", src.toString()).code());
        String listCache = Image.home().toAbsolutePath().toRealPath().resolve("lib/castore-list.aot").toString();

        for (List<String> args : List.of(List.of("ls", "t"), List.of("ls", "-r", "--json", "t"), List.of("stat", "t:sub/f"),
                List.of("roots"))) {
            String name = String.join("-", args).replaceAll("[^a-z-]", "");
            Path log = tmp.resolve("classes-" + name + ".log");
            Path aot = tmp.resolve("aot-" + name + ".log");
            Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_JAVA_OPTS",
                    "-Xlog:class+load:file=" + log + " -Xlog:aot=info:file=" + aot), args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            List<String> opened = Files.readAllLines(aot);
            assertTrue(opened.stream().anyMatch(l -> l.endsWith("Opened AOT cache " + listCache + ".")), String.join("\n", opened));
            assertTrue(opened.stream().anyMatch(l -> l.contains("] Using AOT-linked classes: true")), String.join("\n", opened));
            // Only the classes the JVM makes as it runs (lambdas, annotation proxies) and JFR's event
            // classes, which it never caches, are not in it.
            List<String> loaded = Files.readAllLines(log);
            assertLoadedFromCache(loaded, "picocli.CommandLine");
            assertEquals(List.of(), loaded.stream().filter(l -> l.contains(" source: jrt:/") || l.contains(" source: file:"))
                    .filter(l -> !l.contains("Event source:")).toList(), String.join(" ", args));
        }
        // The listing cache is the smaller: the commands that move data are not in it.
        assertTrue(Files.size(Path.of(listCache)) < Files.size(Image.home().resolve("lib/castore.aot")) * 2 / 3);
    }

    @Test
    void aCommandThatMovesDataOpensTheSameCacheAndHashesNatively(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "hashed by the C implementation");
        Path log = tmp.resolve("aot.log");
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_JAVA_OPTS", "-Xlog:aot=info:file=" + log), "import", "-q", "--store", "memory://", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());

        List<String> lines = Files.readAllLines(log);
        String opened = "Opened AOT cache " + Image.home().toAbsolutePath().toRealPath().resolve("lib/castore.aot") + ".";
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(opened)), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("] initial full module graph: enabled")), String.join("\n", lines));
        // With the native library there is no second cache to keep.
        assertTrue(Files.notExists(Image.home().resolve("lib/castore-vector.aot")));
    }

    @Test
    void theDaemonWithTheNativeBlake3TakesItsClassesFromTheCache(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("classes.log");
        try (ImageDaemon daemon = ImageDaemon.start(Map.of("CASTORE_JAVA_OPTS", "-Xlog:class+load:file=" + log),
                "--store", "memory://")) {
            assertTrue(daemon.firstLine().contains("; BLAKE3: native; "), daemon.firstLine());
            List<String> loaded = Files.readAllLines(log);
            assertLoadedFromCache(loaded, "dev.castore.cli.command.DaemonCommand");
            assertLoadedFromCache(loaded, "io.grpc.ServerBuilder");
            assertLoadedFromCache(loaded, "dev.castore.blake3.ffm.NativeBlake3Provider");
        }
    }

    private static void assertLoadedFromCache(List<String> loaded, String className) {
        String prefix = "] " + className + " source: ";
        List<String> lines = loaded.stream().filter(l -> l.contains(prefix)).toList();
        assertEquals(1, lines.size(), className + " loaded once: " + lines);
        assertTrue(lines.getFirst().endsWith(className + FROM_CACHE), lines.getFirst());
    }

    private static List<String> fromJars(List<String> loaded, String pluginDirectory) {
        return loaded.stream().filter(l -> l.contains(" source: file:") && l.contains(pluginDirectory)).toList();
    }
}
