package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party store, built apart from castore, works by dropping its jar into the plugins
 * directory: no rebuild of the image. Modular jars load as their own module layer, plain jars
 * through their own class loader.
 */
class PluginDropTest {

    @TempDir
    Path tmp;

    @AfterEach
    void unlink() throws Exception {
        Image.unlinkPlugins(tmp);
    }

    private static final String KEEP_DIGEST = "8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e";

    /** Imports the keep tree through {@code config}: its known digest, and the plugin store {@code type} counted the blob. */
    private void assertImportedThrough(Map<String, String> env, Path config, String type) throws Exception {
        Image.Result imported = Image.run(env, "import", "--no-progress", "--config", config.toString(), keepTree(tmp).toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("digest: " + KEEP_DIGEST), imported.out());
        assertTrue(imported.err().contains(type + " store 'root': 1 blobs written"), imported.err());
    }

    private static Path keepTree(Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Files.createFile(root.resolve(".keep"));
        return root;
    }

    private static Path config(Path tmp, String tag) throws Exception {
        return Files.writeString(tmp.resolve("c.toml"), """
                [blobservices.root]
                type = "%s"
                inner = "mem"
                [blobservices.mem]
                type = "memory"
                [directoryservices.root]
                type = "memory"
                """.formatted(tag));
    }

    @Test
    void aModularStoreDroppedIntoPluginsIsListedAndUsable() throws Exception {
        Path plugins = Image.pluginsCopy(tmp);
        Path jar = ExamplePlugin.modularJar(tmp, "counting");
        Path dir = Files.createDirectories(plugins.resolve("counting"));
        Files.copy(jar, dir.resolve(jar.getFileName()));
        Map<String, String> env = Map.of("CASTORE_PLUGINS", plugins.toString());

        Image.Result listed = Image.run(env, "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("com.example.castore.counting 1.2.3  blob: counting"), listed.out());
        assertTrue(listed.out().contains("counting: 1 module in its own layer; no index for its jars as they are"),
                listed.out());
        assertTrue(listed.out().contains("dev.castore.store.objectstore"), listed.out());
        // The image's plugins come indexed; the dropped one is named as not, here and in --json.
        assertTrue(listed.out().contains("  objectstore: 2 modules in its own layer\n"), listed.out());
        JsonNode listedJson = new ObjectMapper().readTree(Image.run(env, "plugins", "--json").out()).get("plugins");
        Map<String, Boolean> indexed = new TreeMap<>();
        listedJson.forEach(p -> indexed.put(p.get("name").asText(), p.get("indexed").asBoolean()));
        assertEquals(false, indexed.get("counting"), indexed.toString());
        assertEquals(true, indexed.get("objectstore"), indexed.toString());
        assertEquals(true, indexed.get("grpc"), indexed.toString());

        Path config = config(tmp, "counting");
        Image.Result check = Image.run(env, "config", "check", config.toString());
        assertEquals(0, check.code(), check.err());

        assertImportedThrough(env, config, "counting");
    }

    @Test
    void aPlainJarStoreLoadsThroughItsOwnClassLoader() throws Exception {
        Path plugins = Image.pluginsCopy(tmp);
        Path jar = ExamplePlugin.plainJar(tmp, "plaincounting");
        Files.copy(jar, plugins.resolve("plaincounting.jar"));
        Map<String, String> env = Map.of("CASTORE_PLUGINS", plugins.toString());

        Image.Result listed = Image.run(env, "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("plaincounting: plain jars, own class loader"), listed.out());
        assertTrue(listed.out().contains("blob: plaincounting"), listed.out());

        Path config = config(tmp, "plaincounting");
        assertImportedThrough(env, config, "plaincounting");
    }

    @Test
    void aCommandLoadsOnlyThePluginsItNeeds() throws Exception {
        Path plugins = Image.pluginsCopy(tmp);
        // A plugin without an index, which fails to load: it is tried only when no index helps.
        Path broken = Files.createDirectories(plugins.resolve("unindexed"));
        Files.writeString(broken.resolve("not-a-jar.jar"), "no zip here");
        Map<String, String> env = Map.of("CASTORE_PLUGINS", plugins.toString());
        Path tree = keepTree(tmp);

        Image.Result memory = Image.run(env, "-v", "import", "--no-progress", "--blob-service", "memory://",
                "--directory-service", "memory://", tree.toString());
        assertEquals(0, memory.code(), memory.err());
        assertFalse(memory.err().contains("plugin "), "memory:// is in the image: no plugin loads\n" + memory.err());

        String store = "objectstore+file://" + tmp.resolve("store");
        Image.Result objectstore = Image.run(env, "-v", "import", "--no-progress", "--blob-service", store,
                "--directory-service", store, tree.toString());
        assertEquals(0, objectstore.code(), objectstore.err());
        assertTrue(objectstore.err().contains("plugin objectstore: modules"), objectstore.err());
        assertFalse(objectstore.err().contains("plugin bigtable"), objectstore.err());
        assertFalse(objectstore.err().contains("plugin grpc"), objectstore.err());
        assertFalse(objectstore.err().contains("unindexed"), "an index named the plugin: " + objectstore.err());

        // Traces asked for (to a collector that is not there): the index names the telemetry plugin.
        Map<String, String> traced = Map.of("CASTORE_PLUGINS", plugins.toString(),
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
        Image.Result telemetry = Image.run(traced, "-v", "import", "--no-progress", "--blob-service", "memory://",
                "--directory-service", "memory://", tree.toString());
        assertEquals(0, telemetry.code(), telemetry.err());
        assertTrue(telemetry.err().contains("plugin observability: modules"), telemetry.err());
        for (String other : List.of("plugin bigtable", "plugin grpc", "plugin objectstore", "unindexed")) {
            assertFalse(telemetry.err().contains(other), other + " loaded for telemetry:\n" + telemetry.err());
        }

        Image.Result unknown = Image.run(env, "-v", "import", "--no-progress", "--blob-service", "nosuch://x",
                "--directory-service", "memory://", tree.toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("Unknown type: nosuch"), unknown.err());
        assertTrue(unknown.err().contains("objectstore"), "the known types, every plugin's included: " + unknown.err());
        assertTrue(unknown.err().contains("plugin unindexed"), "now the plugin without an index was tried: " + unknown.err());
    }

    @Test
    void aBrokenPluginIsReportedAndTheOthersStillLoad() throws Exception {
        Path plugins = Image.pluginsCopy(tmp);
        Path broken = Files.createDirectories(plugins.resolve("broken"));
        // A modular jar whose dependency is missing.
        Path jar = ExamplePlugin.modularJar(tmp, "counting");
        Files.copy(jar, broken.resolve("counting.jar"));
        Path src = Files.createDirectories(tmp.resolve("needy"));
        Files.writeString(src.resolve("module-info.java"), "module com.example.needy { requires com.example.absent; }");
        Files.createDirectories(tmp.resolve("absent-classes"));
        Path absentSrc = Files.createDirectories(tmp.resolve("absent"));
        Files.writeString(absentSrc.resolve("module-info.java"), "module com.example.absent { }");
        Image.tool("javac", "-d", tmp.resolve("absent-classes").toString(), absentSrc.resolve("module-info.java").toString());
        Image.tool("javac", "-d", tmp.resolve("needy-classes").toString(), "--module-path", tmp.resolve("absent-classes").toString(),
                src.resolve("module-info.java").toString());
        Image.tool("jar", "--create", "--file", broken.resolve("needy.jar").toString(), "-C", tmp.resolve("needy-classes").toString(), ".");

        Image.Result listed = Image.run(Map.of("CASTORE_PLUGINS", plugins.toString()), "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("plugin broken"), listed.out());
        assertTrue(listed.out().contains("com.example.absent"), listed.out());
        assertTrue(listed.out().contains("dev.castore.store.grpc"), listed.out());
    }
}
