package dev.castore.composition.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ModuleDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's extension: the jars of a sub-directory of the plugin's directory, made into a layer
 * over the plugin's own only when asked for, once, with the module descriptors that
 * {@link Plugins#writeIndexes} wrote next to them. Synthetic modules: {@code test.plugin} (the
 * plugin) and {@code test.extension}, which requires it.
 */
class PluginExtensionTest {

    @TempDir
    Path plugins;

    /** A jar holding only the descriptor of module {@code name}, which requires {@code requires}. */
    private static void moduleJar(Path jar, String name, String... requires) throws IOException {
        byte[] descriptor = ClassFile.of().buildModule(ModuleAttribute.of(ModuleDesc.of(name), m -> {
            m.requires(ModuleDesc.of("java.base"), ClassFile.ACC_MANDATED, null);
            for (String r : requires) {
                m.requires(ModuleDesc.of(r), 0, null);
            }
        }));
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("module-info.class"));
            out.write(descriptor);
            out.closeEntry();
        }
    }

    private Module pluginModule(Plugins scanned) {
        Plugin plugin = scanned.plugins().stream().filter(p -> p.name().equals("test")).findFirst().orElseThrow();
        return plugin.layer().orElseThrow().findModule("test.plugin").orElseThrow();
    }

    @Test
    void anExtensionIsALayerOverItsPluginsMadeOnceWhenAskedFor() throws Exception {
        moduleJar(plugins.resolve("test/test-plugin.jar"), "test.plugin");
        moduleJar(plugins.resolve("test/ext/test-extension.jar"), "test.extension", "test.plugin");
        assertEquals(List.of(plugins.resolve("test")), Plugins.scan(plugins).writeIndexes());
        assertTrue(Files.isRegularFile(plugins.resolve("test/ext/" + PluginModules.FILE_NAME)),
                "the extension's descriptors are written with the plugin's index");

        Plugins scanned = Plugins.scan(plugins);
        Module owner = pluginModule(scanned);
        assertEquals(List.of("test.plugin"), scanned.plugins().getFirst().modules(), "the plugin's layer has no extension");

        ModuleLayer extension = scanned.extension(owner, "ext").orElseThrow();
        Module module = extension.findModule("test.extension").orElseThrow();
        assertSame(extension, module.getLayer(), "defined in the extension's layer");
        assertEquals(List.of(owner.getLayer()), extension.parents(), "over the plugin's layer");
        assertTrue(module.canRead(owner), "resolved against the plugin's modules");
        assertSame(extension, scanned.extension(owner, "ext").orElseThrow(), "made once");
        Plugin plugin = scanned.plugins().getFirst();
        assertEquals(List.of("test/ext"), scanned.extensions(plugin).stream().map(Plugin::name).toList());
        assertSame(extension, scanned.extensions(plugin).getFirst().layer().orElseThrow(), "the same layer, listed");
        assertEquals(List.of(), scanned.extensionFailures());

        assertEquals(Optional.empty(), scanned.extension(owner, "absent"), "no such directory");
        assertEquals(Optional.empty(), scanned.extension(owner, "../test"), "only a sub-directory");
        assertEquals(Optional.empty(), scanned.extension(Object.class.getModule(), "ext"), "java.base is in no plugin");
    }

    @Test
    void anExtensionThatCannotBeLoadedIsAnErrorNamingIt() throws Exception {
        moduleJar(plugins.resolve("test/test-plugin.jar"), "test.plugin");
        // Requires a module that neither the plugin nor the image has.
        moduleJar(plugins.resolve("test/broken/test-extension.jar"), "test.extension", "test.missing");
        // Plain jars only: nothing to make a layer of.
        Files.createDirectories(plugins.resolve("test/plain"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("test/plain/plain.jar")))) {
            out.putNextEntry(new JarEntry("plain/Resource.txt"));
            out.closeEntry();
        }

        Plugins scanned = Plugins.scan(plugins);
        Module owner = pluginModule(scanned);
        IOException broken = assertThrows(IOException.class, () -> scanned.extension(owner, "broken"));
        assertTrue(broken.getMessage().startsWith("the extension broken of plugin test ("), broken.getMessage());
        assertTrue(broken.getMessage().contains("test.missing"), broken.getMessage());
        IOException again = assertThrows(IOException.class, () -> scanned.extension(owner, "broken"));
        assertEquals(broken.getMessage(), again.getMessage(), "the failure is kept");

        IOException plain = assertThrows(IOException.class, () -> scanned.extension(owner, "plain"));
        assertTrue(plain.getMessage().contains("none of its jars is an explicit module"), plain.getMessage());

        // Listed: no extension loads, and both failures are there with their reasons.
        assertEquals(List.of(), scanned.extensions(scanned.plugins().getFirst()));
        List<PluginFailure> failures = scanned.extensionFailures();
        assertEquals(List.of("test/broken", "test/plain"), failures.stream().map(PluginFailure::name).toList());
        assertEquals(plugins.resolve("test/broken"), failures.getFirst().location());
        assertTrue(failures.getFirst().error().contains("test.missing"), failures.getFirst().error());
    }
}
