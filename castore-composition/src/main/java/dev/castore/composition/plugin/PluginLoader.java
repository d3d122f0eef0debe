package dev.castore.composition.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns one plugin (a directory of jars, or one jar) into a {@link Plugin}: a child module layer
 * when it holds an explicit module, otherwise a plain class loader.
 */
final class PluginLoader {

    /** Thrown with a one-line reason when a plugin cannot be loaded. */
    static final class PluginLoadException extends Exception {
        PluginLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ModuleLayer parent;
    private final ClassLoader parentLoader;

    PluginLoader(ModuleLayer parent, ClassLoader parentLoader) {
        this.parent = parent;
        this.parentLoader = parentLoader;
    }

    Plugin load(String name, Path location) throws PluginLoadException {
        List<Path> jars = jarsOf(location);
        if (jars.isEmpty()) {
            throw new PluginLoadException("no jar files in " + location, null);
        }
        // One finder per jar, kept for the layer: from the descriptors written with the plugin's
        // index when they match its jars, else one that reads its jar once (an automatic module's
        // packages are every entry of the jar) and remembers it, so resolving does not read again.
        Map<Path, ModuleFinder> finders = new LinkedHashMap<>();
        Map<Path, Optional<ModuleDescriptor>> descriptors = new LinkedHashMap<>();
        Optional<Map<Path, ModuleDescriptor>> written = Files.isDirectory(location)
                ? PluginModules.read(location, jars)
                : Optional.empty();
        for (Path jar : jars) {
            if (written.isPresent()) {
                ModuleDescriptor d = written.get().get(jar);
                finders.put(jar, PluginModules.finder(jar, d));
                descriptors.put(jar, Optional.of(d));
            } else {
                ModuleFinder finder = ModuleFinder.of(jar);
                finders.put(jar, finder);
                descriptors.put(jar, descriptorOf(finder));
            }
        }
        boolean modular = descriptors.values().stream().anyMatch(d -> d.isPresent() && !d.get().isAutomatic());
        return modular ? asLayer(name, location, descriptors, finders) : asClassPath(name, location, jars);
    }

    /** The jars of a plugin: those in its directory, in name order, or the plugin's single jar. */
    static List<Path> jarsOf(Path location) throws PluginLoadException {
        if (!Files.isDirectory(location)) {
            return List.of(location);
        }
        try (Stream<Path> s = Files.list(location)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the module descriptors of the plugin in directory {@code location}, as the JDK
     * derives them from its jars, next to them ({@link PluginModules}).
     */
    static void writeModules(Path location) throws IOException, PluginLoadException {
        List<Path> jars = jarsOf(location);
        Map<Path, Optional<ModuleDescriptor>> descriptors = new LinkedHashMap<>();
        for (Path jar : jars) {
            descriptors.put(jar, descriptorOf(ModuleFinder.of(jar)));
        }
        PluginModules.write(location, jars, descriptors);
    }

    /** The module a jar defines; empty when it has no usable automatic name either. */
    private static Optional<ModuleDescriptor> descriptorOf(ModuleFinder jar) {
        try {
            return jar.findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (FindException e) {
            return Optional.empty();
        }
    }

    private Plugin asLayer(String name, Path location, Map<Path, Optional<ModuleDescriptor>> descriptors,
            Map<Path, ModuleFinder> finders) throws PluginLoadException {
        List<ModuleFinder> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> roots = new TreeSet<>();
        for (Map.Entry<Path, Optional<ModuleDescriptor>> e : descriptors.entrySet()) {
            String jar = e.getKey().getFileName().toString();
            ModuleDescriptor d = e.getValue().orElseThrow(() -> new PluginLoadException(
                    "jar " + jar + " is neither a module nor has a valid automatic module name", null));
            // The image's own copy wins: the plugin then shares api types and logging with it.
            if (parent.findModule(d.name()).isPresent()) {
                skipped.add(jar);
                continue;
            }
            kept.add(finders.get(e.getKey()));
            roots.add(d.name());
        }
        if (kept.isEmpty()) {
            throw new PluginLoadException("every jar of this plugin is a module the image already has: " + skipped, null);
        }
        try {
            Configuration cf = Configuration.resolveAndBind(
                    ModuleFinder.compose(kept.toArray(ModuleFinder[]::new)), List.of(parent.configuration()), ModuleFinder.of(),
                    roots);
            ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(parent), parentLoader);
            ModuleLayer layer = controller.layer();
            List<String> modules = new ArrayList<>();
            for (Module m : layer.modules()) {
                // zstd-jni, netty and friends call native code; a plugin is trusted like the image.
                controller.enableNativeAccess(m);
                modules.add(m.getName());
            }
            modules.sort(null);
            ClassLoader loader = layer.findLoader(roots.iterator().next());
            return new Plugin(name, location, Optional.of(layer), loader, modules, skipped);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginLoadException(oneLine(e), e);
        }
    }

    private Plugin asClassPath(String name, Path location, List<Path> jars) throws PluginLoadException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginLoadException("cannot use " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("plugin-" + name, urls, parentLoader);
        return new Plugin(name, location, Optional.empty(), loader, List.of(), List.of());
    }

    private static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
