package dev.castore.composition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance graph of a composition: its {@link Instance}s by kind and name, each with its type
 * tag, bound config and references. Read from files in the layout tvix/snix use (top-level
 * {@code blobservices} and {@code directoryservices} maps of name to
 * {@code {"type": ..., fields...}}), or assembled from URLs; both go through one {@link Binder}.
 * {@link #problems} checks the whole graph without building anything. Immutable.
 */
public final class CompositionConfig {

    private static final Logger LOG = LoggerFactory.getLogger(CompositionConfig.class);

    /** Sections of tvix/snix store files that belong to other layers; read past with a warning. */
    private static final Set<String> FOREIGN_SECTIONS = Set.of("pathinfoservices");

    private final Map<ServiceKind<?>, Map<String, Instance>> instances;

    private CompositionConfig(Map<ServiceKind<?>, Map<String, Instance>> instances) {
        this.instances = instances;
    }

    /** A builder for a config assembled in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a composition file; its format follows from the extension. */
    public static CompositionConfig read(StoreRegistry registry, Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        }
        try {
            return parse(registry, text, ConfigFormat.of(file));
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a whole composition (top-level sections per kind). */
    public static CompositionConfig parse(StoreRegistry registry, String text, ConfigFormat format) throws ConfigException {
        JsonNode root = readTree(text, format);
        if (!root.isObject()) {
            throw new ConfigException("a composition must be a map with the sections "
                    + ServiceKind.values().stream().map(ServiceKind::configSection).toList());
        }
        Binder binder = new Binder(registry);
        Builder b = builder();
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            Optional<ServiceKind<?>> kind = ServiceKind.bySection(section.getKey());
            if (kind.isEmpty()) {
                if (FOREIGN_SECTIONS.contains(section.getKey())) {
                    LOG.warn("ignoring section '{}': castore composes blob and directory services only", section.getKey());
                    continue;
                }
                throw new ConfigException("unknown section '" + section.getKey() + "'; accepted: "
                        + ServiceKind.values().stream().map(ServiceKind::configSection).toList());
            }
            if (!section.getValue().isObject()) {
                throw new ConfigException("section '" + section.getKey() + "' must map instance names to configs");
            }
            for (Map.Entry<String, JsonNode> instance : section.getValue().properties()) {
                b.add(binder.bind(kind.get(), instance.getKey(), instance.getValue()));
            }
        }
        return b.build();
    }

    private static JsonNode readTree(String text, ConfigFormat format) throws ConfigException {
        try {
            JsonNode node = format.reader().readTree(text);
            return node == null ? format.reader().createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid " + format + ": " + problem(e.getOriginalMessage())
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() : ""), e);
        }
    }

    /**
     * A parser's message on one line. The YAML parser's spans several: each statement on a line of
     * its own, followed by indented lines that quote the input and point at it ({@code in 'reader',
     * line 2, column 3:}, the line, a caret); the statements are kept, the quotes dropped (the
     * location follows the message anyway).
     */
    static String problem(String message) {
        List<String> statements = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .toList();
        return statements.isEmpty() ? message.strip() : String.join(": ", statements);
    }

    /** The config of {@code name}, if the composition has it. */
    public <T> Optional<ServiceBuilder<T>> get(ServiceKind<T> kind, String name) {
        return instance(kind, name).map(i -> i.builder(kind));
    }

    /** The instance {@code name} of {@code kind}, if the composition has it. */
    public Optional<Instance> instance(ServiceKind<?> kind, String name) {
        return Optional.ofNullable(instances.getOrDefault(kind, Map.of()).get(name));
    }

    /** The instance names of {@code kind}, in file order. */
    public Set<String> names(ServiceKind<?> kind) {
        return Collections.unmodifiableSet(instances.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every instance, blob services first, each kind in file order. */
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (ServiceKind<?> kind : ServiceKind.values()) {
            out.addAll(instances.getOrDefault(kind, Map.of()).values());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every problem of the graph, found without building anything: references to instances it does
     * not have, URL references that do not bind, cycles; empty when there is none.
     */
    public List<String> problems(StoreRegistry registry) {
        return ReferenceCheck.problems(new Binder(registry), this);
    }

    /** Assembles a config in code. */
    public static final class Builder {
        private final Map<ServiceKind<?>, Map<String, Instance>> instances = new LinkedHashMap<>();

        private Builder() {}

        /** Adds an instance described by a URL, as the CLI's {@code --blob-service URL} does. */
        public <T> Builder addUrl(StoreRegistry registry, ServiceKind<T> kind, String name, String url) throws ConfigException {
            checkName(name);
            return add(new Binder(registry).bindUrl(kind, name, url));
        }

        /** Adds a bound instance; a name may be used once per kind. */
        public Builder add(Instance instance) throws ConfigException {
            checkName(instance.name());
            if (instances.computeIfAbsent(instance.kind(), k -> new LinkedHashMap<>())
                    .putIfAbsent(instance.name(), instance) != null) {
                throw new ConfigException("duplicate " + instance.kind() + " instance '" + instance.name() + "'");
            }
            return this;
        }

        private static void checkName(String name) throws ConfigException {
            if (name.isEmpty() || name.contains("://")) {
                throw new ConfigException("invalid instance name '" + name + "': names are non-empty and contain no '://'");
            }
        }

        public CompositionConfig build() {
            Map<ServiceKind<?>, Map<String, Instance>> copy = new LinkedHashMap<>();
            instances.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            return new CompositionConfig(Collections.unmodifiableMap(copy));
        }
    }
}
