package dev.castore.composition.plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a plugin provides, written next to its jars ({@value #FILE_NAME}), so that a command loads
 * only the plugins it needs: the store type tags per kind, the listener schemes, the archive
 * formats, and whether it provides telemetry. An index is
 * trusted only while the plugin's jars are those it was written for (names, sizes, modification
 * times); otherwise the plugin is loaded to find out, as one without an index is.
 *
 * @param types type tags per service kind name ({@code blob}, {@code directory})
 * @param schemes listen URL schemes
 * @param formats archive formats that can be imported
 * @param telemetry whether the plugin provides a {@link dev.castore.api.telemetry.TelemetryProvider}
 * @param jars the plugin's jars when the index was written: {@code name:size:mtime-millis}
 */
public record PluginIndex(Map<String, Set<String>> types, Set<String> schemes, Set<String> formats, boolean telemetry,
        List<String> jars) {

    /** The index file in a plugin's directory. */
    public static final String FILE_NAME = "castore-plugin.index";

    public PluginIndex {
        Map<String, Set<String>> copy = new TreeMap<>();
        types.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        types = Map.copyOf(copy);
        schemes = Set.copyOf(schemes);
        formats = Set.copyOf(formats);
        jars = List.copyOf(jars);
    }

    /** Whether the plugin provides the store type {@code tag} of the kind named {@code kind}. */
    public boolean provides(String kind, String tag) {
        return types.getOrDefault(kind, Set.of()).contains(tag);
    }

    /** The index of the plugin in {@code directory}, if it has one that matches its jars now. */
    static Optional<PluginIndex> read(Path directory, List<Path> jars) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<String> recorded = split(p.getProperty("jars", ""));
        String telemetry = p.getProperty("telemetry");
        if (!recorded.equals(describe(jars)) || telemetry == null) {
            return Optional.empty(); // stale, or written before the index named telemetry
        }
        Map<String, Set<String>> types = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("types.")) {
                types.put(key.substring("types.".length()), new TreeSet<>(split(p.getProperty(key))));
            }
        }
        return Optional.of(new PluginIndex(types, new TreeSet<>(split(p.getProperty("schemes", ""))),
                new TreeSet<>(split(p.getProperty("formats", ""))), Boolean.parseBoolean(telemetry.trim()), recorded));
    }

    /** Writes this index into {@code directory}, replacing any other. */
    void write(Path directory) throws IOException {
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# What this castore plugin provides, so that commands load it only when they need it.\n");
            w.write("# Written by 'castore plugins --index'; not used once the jars below change.\n");
            w.write("jars=" + String.join(",", jars) + "\n");
            for (Map.Entry<String, Set<String>> e : types.entrySet()) {
                w.write("types." + e.getKey() + "=" + String.join(",", new TreeSet<>(e.getValue())) + "\n");
            }
            w.write("schemes=" + String.join(",", new TreeSet<>(schemes)) + "\n");
            w.write("formats=" + String.join(",", new TreeSet<>(formats)) + "\n");
            w.write("telemetry=" + telemetry + "\n");
        }
        Files.move(tmp, directory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code name:size:mtime} of each jar, in order. */
    static List<String> describe(List<Path> jars) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path jar : jars) {
            out.add(jar.getFileName() + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
        }
        return out;
    }

    private static List<String> split(String value) {
        return Stream.of(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "types " + types + ", schemes " + schemes + ", formats " + formats + ", telemetry " + telemetry + ", jars "
                + Arrays.toString(jars.toArray());
    }
}
