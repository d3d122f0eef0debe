package dev.castore.composition.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors written with a plugin's index: equal to those the JDK derives from the
 * jars, their jars read through them as through the JDK's own readers, and not used once a jar
 * changed. Real jars of this build: explicit modules (some multi-release) and automatic ones.
 */
class PluginModulesTest {

    @TempDir
    Path plugin;

    private List<Path> jars;

    @BeforeEach
    void copyJars() throws Exception {
        // jackson-core: explicit, multi-release; slf4j: explicit; grpc-netty-shaded: automatic,
        // with services; rocksdbjni, zstd-jni: automatic.
        for (String type : List.of("com.fasterxml.jackson.core.JsonFactory", "org.slf4j.Logger",
                "io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder", "org.rocksdb.RocksDB",
                "com.github.luben.zstd.Zstd", "org.yaml.snakeyaml.Yaml")) {
            Path jar = Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                Files.copy(jar, plugin.resolve(jar.getFileName()));
            }
        }
        jars = PluginLoader.jarsOf(plugin);
    }

    @Test
    void theWrittenDescriptorsAreThoseTheJdkDerives() throws Exception {
        PluginLoader.writeModules(plugin);
        Map<Path, ModuleDescriptor> written = PluginModules.read(plugin, jars).orElseThrow();
        Set<Boolean> kinds = new TreeSet<>();
        for (Path jar : jars) {
            ModuleDescriptor derived = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
            assertEquals(derived, written.get(jar), jar.toString());
            assertEquals(derived.packages(), written.get(jar).packages(), jar.toString());
            assertEquals(derived.provides(), written.get(jar).provides(), jar.toString());
            kinds.add(derived.isAutomatic());
        }
        assertEquals(Set.of(false, true), kinds, "explicit and automatic modules both tried: " + jars);
    }

    @Test
    void aJarIsReadThroughItsDescriptorAsThroughTheJdksReader() throws Exception {
        PluginLoader.writeModules(plugin);
        Map<Path, ModuleDescriptor> written = PluginModules.read(plugin, jars).orElseThrow();
        for (Path jar : jars) {
            ModuleReference ours = PluginModules.finder(jar, written.get(jar)).findAll().iterator().next();
            ModuleReference jdk = ModuleFinder.of(jar).findAll().iterator().next();
            assertEquals(jdk.location(), ours.location());
            try (ModuleReader a = ours.open(); ModuleReader b = jdk.open()) {
                List<String> names = b.list().sorted().toList();
                assertEquals(names, a.list().sorted().toList(), jar.toString());
                List<String> classes = names.stream().filter(n -> n.endsWith(".class")).limit(25).collect(Collectors.toList());
                classes.add("META-INF/MANIFEST.MF");
                for (String name : classes) {
                    assertArrayEquals(b.read(name).map(PluginModulesTest::bytes).orElseThrow(),
                            a.read(name).map(PluginModulesTest::bytes).orElseThrow(), jar + " " + name);
                    try (InputStream viaUri = a.find(name).orElseThrow().toURL().openStream()) {
                        assertArrayEquals(b.open(name).orElseThrow().readAllBytes(), viaUri.readAllBytes(), name);
                    }
                }
                assertEquals(Optional.empty(), a.find("no/such/Entry.class"));
                assertEquals(Optional.empty(), a.open("no/such/Entry.class"));
            }
        }
    }

    @Test
    void aChangedJarOrAMissingFileMeansTheJarsAreReadAgain() throws Exception {
        assertEquals(Optional.empty(), PluginModules.read(plugin, jars), "nothing written yet");
        PluginLoader.writeModules(plugin);
        assertTrue(PluginModules.read(plugin, jars).isPresent());
        Path touched = jars.get(0);
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() - 60_000));
        assertEquals(Optional.empty(), PluginModules.read(plugin, jars), "a jar changed since");
        List<Path> fewer = new ArrayList<>(jars.subList(1, jars.size()));
        assertEquals(Optional.empty(), PluginModules.read(plugin, fewer), "a jar is gone");
        Files.writeString(plugin.resolve(PluginModules.FILE_NAME), "jars=garbage\n0.automatic=\n");
        assertFalse(PluginModules.read(plugin, jars).isPresent(), "a malformed file is not trusted");
    }

    @Test
    void aJarWithoutAModuleLeavesNoFile() throws Exception {
        PluginLoader.writeModules(plugin);
        assertTrue(Files.exists(plugin.resolve(PluginModules.FILE_NAME)));
        // A jar with no module-info and no Automatic-Module-Name, whose file name is a Java
        // keyword: no module name can be derived from it.
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugin.resolve("int.jar")))) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("no module here".getBytes(StandardCharsets.UTF_8));
        }
        PluginLoader.writeModules(plugin);
        assertFalse(Files.exists(plugin.resolve(PluginModules.FILE_NAME)));
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
