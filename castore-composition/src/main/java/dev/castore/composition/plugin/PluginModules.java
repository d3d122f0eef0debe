package dev.castore.composition.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.module.InvalidModuleDescriptorException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The module descriptors of a plugin's jars, written next to them ({@value #FILE_NAME}) with the
 * index, so that loading the plugin does not derive them again. Deriving is what made loading a
 * plugin slow: the descriptor of an automatic module names every package of its jar, so the JDK
 * reads every entry of it, and the services its jar provides, so it inflates those files too (the
 * gRPC plugin's 24 jars took about 0.1 s of a command's start). The descriptors are trusted only
 * while the jars are those they were written for (names, sizes, modification times); otherwise
 * the plugin's jars are read as they are without this file.
 *
 * <p>An explicit module is kept as its {@code module-info.class} (the one the JDK reads, versioned
 * in a multi-release jar) with its packages; an automatic one as its name, version, packages,
 * services and main class. Each is written only once it reads back equal to what the JDK derived.
 */
final class PluginModules {

    /** The descriptors' file in a plugin's directory. */
    static final String FILE_NAME = "castore-plugin.modules";

    private PluginModules() {}

    /**
     * The descriptors of {@code jars} (a plugin's, in {@code directory}), when the file holds them
     * for the jars as they are now; empty when it is missing, stale or unreadable.
     */
    static Optional<Map<Path, ModuleDescriptor>> read(Path directory, List<Path> jars) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            p.load(r);
            if (!split(p.getProperty("jars", "")).equals(PluginIndex.describe(jars))) {
                return Optional.empty();
            }
            Map<Path, ModuleDescriptor> out = new LinkedHashMap<>();
            for (int i = 0; i < jars.size(); i++) {
                out.put(jars.get(i), decode(p, i + "."));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) { // missing or malformed: read the jars instead
            return Optional.empty();
        }
    }

    /**
     * Writes the descriptors of {@code jars}, as {@code descriptors} holds them (derived by the
     * JDK), into {@code directory}; removes the file instead when one of them cannot be kept.
     */
    static void write(Path directory, List<Path> jars, Map<Path, Optional<ModuleDescriptor>> descriptors) throws IOException {
        Properties p = new Properties();
        p.setProperty("jars", String.join(",", PluginIndex.describe(jars)));
        for (int i = 0; i < jars.size(); i++) {
            Optional<ModuleDescriptor> derived = descriptors.getOrDefault(jars.get(i), Optional.empty());
            String prefix = i + ".";
            if (derived.isEmpty() || !encode(p, prefix, jars.get(i), derived.get())
                    || !decode(p, prefix).equals(derived.get())) {
                Files.deleteIfExists(directory.resolve(FILE_NAME));
                return;
            }
        }
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# The module descriptors of this castore plugin's jars, so that loading it does not read every jar.\n");
            w.write("# Written by 'castore plugins --index'; not used once the jars change.\n");
            for (Map.Entry<String, String> e : new TreeMap<>(stringMap(p)).entrySet()) {
                w.write(escape(e.getKey()) + "=" + escape(e.getValue()) + "\n");
            }
        }
        Files.move(tmp, directory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A finder of the one module of {@code jar}, described by {@code descriptor}. */
    static ModuleFinder finder(Path jar, ModuleDescriptor descriptor) {
        ModuleReference reference = new JarModule(descriptor, jar);
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return name.equals(descriptor.name()) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
    }

    /** Puts {@code d} under {@code prefix}; false when it cannot be kept (its module-info is not where the JDK read it). */
    private static boolean encode(Properties p, String prefix, Path jar, ModuleDescriptor d) throws IOException {
        p.setProperty(prefix + "packages", String.join(",", new TreeSet<>(d.packages())));
        if (!d.isAutomatic()) {
            try (JarFile jf = open(jar)) {
                JarEntry info = jf.getJarEntry("module-info.class");
                if (info == null) {
                    return false;
                }
                try (InputStream in = jf.getInputStream(info)) {
                    p.setProperty(prefix + "module-info", Base64.getEncoder().encodeToString(in.readAllBytes()));
                }
            }
            return true;
        }
        p.setProperty(prefix + "automatic", d.name());
        d.rawVersion().ifPresent(v -> p.setProperty(prefix + "version", v));
        d.mainClass().ifPresent(m -> p.setProperty(prefix + "main", m));
        for (ModuleDescriptor.Provides provides : d.provides()) {
            p.setProperty(prefix + "provides." + provides.service(), String.join(",", provides.providers()));
        }
        return true;
    }

    private static ModuleDescriptor decode(Properties p, String prefix) {
        Set<String> packages = new TreeSet<>(split(p.getProperty(prefix + "packages", "")));
        String moduleInfo = p.getProperty(prefix + "module-info");
        if (moduleInfo != null) {
            return ModuleDescriptor.read(ByteBuffer.wrap(Base64.getDecoder().decode(moduleInfo)), () -> packages);
        }
        String name = p.getProperty(prefix + "automatic");
        if (name == null) {
            throw new InvalidModuleDescriptorException("no module under " + prefix);
        }
        ModuleDescriptor.Builder b = ModuleDescriptor.newAutomaticModule(name).packages(packages);
        Optional.ofNullable(p.getProperty(prefix + "version")).ifPresent(b::version);
        Optional.ofNullable(p.getProperty(prefix + "main")).ifPresent(b::mainClass);
        String provides = prefix + "provides.";
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith(provides)) {
                b.provides(key.substring(provides.length()), split(p.getProperty(key)));
            }
        }
        return b.build();
    }

    /** A jar as the JDK opens a modular one: multi-release entries for this runtime. */
    private static JarFile open(Path jar) throws IOException {
        return new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
    }

    private static Map<String, String> stringMap(Properties p) {
        return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
    }

    /** Escapes a key or value for {@link Properties#load(Reader)} (the names and Base64 here have no other specials). */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:");
    }

    private static List<String> split(String value) {
        return Stream.of(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    /** A module in a jar, read through a {@link JarFile} opened for this runtime's version. */
    private static final class JarModule extends ModuleReference {
        private final Path jar;

        JarModule(ModuleDescriptor descriptor, Path jar) {
            super(descriptor, jar.toUri());
            this.jar = jar;
        }

        @Override
        public ModuleReader open() throws IOException {
            JarFile jf = PluginModules.open(jar);
            URI location = jar.toUri();
            return new ModuleReader() {
                @Override
                public Optional<URI> find(String name) throws IOException {
                    JarEntry entry = jf.getJarEntry(name);
                    if (entry == null) {
                        return Optional.empty();
                    }
                    // The entry's own name: in a multi-release jar, the version's copy of it.
                    String real = entry.getRealName();
                    if (entry.isDirectory() && !real.endsWith("/")) {
                        real += "/";
                    }
                    try {
                        return Optional.of(new URI("jar", location + "!/" + real, null));
                    } catch (URISyntaxException e) {
                        throw new IOException("cannot name " + name + " in " + jar + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public Optional<InputStream> open(String name) throws IOException {
                    JarEntry entry = jf.getJarEntry(name);
                    return entry == null ? Optional.empty() : Optional.of(jf.getInputStream(entry));
                }

                @Override
                public Stream<String> list() {
                    List<String> names = new ArrayList<>();
                    jf.versionedStream().forEach(e -> names.add(e.getName()));
                    return names.stream();
                }

                @Override
                public void close() throws IOException {
                    jf.close();
                }
            };
        }
    }
}
