package dev.castore.composition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.castore.api.spi.Registration;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of a composition, by kind and name, each a deserialized config that can build
 * itself. Read from files in the layout tvix/snix use (top-level {@code blobservices} and
 * {@code directoryservices} maps of name to {@code {"type": ..., fields...}}), or assembled from
 * URLs. Immutable.
 */
public final class CompositionConfig {

    private static final Logger LOG = LoggerFactory.getLogger(CompositionConfig.class);

    /** Sections of tvix/snix store files that belong to other layers; read past with a warning. */
    private static final Set<String> FOREIGN_SECTIONS = Set.of("pathinfoservices");

    private static final JsonMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Config records are public types in exported packages: no need to force access.
            .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
            .build();

    private final Map<ServiceKind<?>, Map<String, ServiceBuilder<?>>> instances;

    private CompositionConfig(Map<ServiceKind<?>, Map<String, ServiceBuilder<?>>> instances) {
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
            b.addAll(kind.get(), parseInstances(registry, kind.get(), section.getValue()));
        }
        return b.build();
    }

    /** Parses the instances of one kind: a map of name to typed config. */
    public static Map<String, ServiceBuilder<?>> parseInstances(
            StoreRegistry registry, ServiceKind<?> kind, String text, ConfigFormat format) throws ConfigException {
        return parseInstances(registry, kind, readTree(text, format));
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

    private static Map<String, ServiceBuilder<?>> parseInstances(StoreRegistry registry, ServiceKind<?> kind, JsonNode node)
            throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException("section '" + kind.configSection() + "' must map instance names to configs");
        }
        Map<String, ServiceBuilder<?>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> instance : node.properties()) {
            out.put(instance.getKey(), bind(registry, kind, instance.getKey(), instance.getValue()));
        }
        return out;
    }

    private static ServiceBuilder<?> bind(StoreRegistry registry, ServiceKind<?> kind, String name, JsonNode node)
            throws ConfigException {
        String where = kind + " instance '" + name + "'";
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected a map with a \"type\" field");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ConfigException(where + ": missing \"type\"; " + kind + " types: " + registry.typeTags(kind));
        }
        String type = typeNode.asText();
        Registration<?> r = registry.lookup(kind, type)
                .orElseThrow(() -> new ConfigException(where + ": Unknown type: " + type + "; " + kind + " types: "
                        + registry.typeTags(kind)))
                .registration();
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        fields.remove("type");
        try {
            return BINDER.treeToValue(fields, r.configType());
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where + " (type " + type + "): unknown field '" + e.getPropertyName()
                    + "'; accepted fields: " + acceptedFields(e), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(where + " (type " + type + "): " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + " (type " + type + "): " + e.getOriginalMessage(), e);
        }
    }

    private static String acceptedFields(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "none";
        }
        return e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static String describe(JsonMappingException e) {
        // A compact constructor rejecting a value: its message is what the user needs.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            return root.getMessage();
        }
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return (path.isEmpty() ? "" : "field '" + path + "': ") + e.getOriginalMessage();
    }

    /** The config of {@code name}, if the composition has it. */
    @SuppressWarnings("unchecked")
    public <T> Optional<ServiceBuilder<T>> get(ServiceKind<T> kind, String name) {
        return Optional.ofNullable((ServiceBuilder<T>) instances.getOrDefault(kind, Map.of()).get(name));
    }

    /** The instance names of {@code kind}, in file order. */
    public Set<String> names(ServiceKind<?> kind) {
        return Collections.unmodifiableSet(instances.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every instance of {@code kind}, in file order. */
    public Map<String, ServiceBuilder<?>> instances(ServiceKind<?> kind) {
        return Collections.unmodifiableMap(instances.getOrDefault(kind, Map.of()));
    }

    /** Assembles a config in code. */
    public static final class Builder {
        private final Map<ServiceKind<?>, Map<String, ServiceBuilder<?>>> instances = new LinkedHashMap<>();

        private Builder() {}

        /** Adds an instance; a name may be used once per kind. */
        public <T> Builder add(ServiceKind<T> kind, String name, ServiceBuilder<T> config) throws ConfigException {
            return put(kind, name, config);
        }

        /** Adds an instance described by a URL, as the CLI's {@code --blob-service URL} does. */
        public <T> Builder addUrl(StoreRegistry registry, ServiceKind<T> kind, String name, String url) throws ConfigException {
            return put(kind, name, registry.parseUrl(kind, url));
        }

        private Builder addAll(ServiceKind<?> kind, Map<String, ServiceBuilder<?>> configs) throws ConfigException {
            for (Map.Entry<String, ServiceBuilder<?>> e : configs.entrySet()) {
                put(kind, e.getKey(), e.getValue());
            }
            return this;
        }

        private Builder put(ServiceKind<?> kind, String name, ServiceBuilder<?> config) throws ConfigException {
            if (name.isEmpty() || name.contains("://")) {
                throw new ConfigException("invalid instance name '" + name + "': names are non-empty and contain no '://'");
            }
            if (instances.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(name, config) != null) {
                throw new ConfigException("duplicate " + kind + " instance '" + name + "'");
            }
            return this;
        }

        public CompositionConfig build() {
            Map<ServiceKind<?>, Map<String, ServiceBuilder<?>>> copy = new LinkedHashMap<>();
            instances.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            return new CompositionConfig(Collections.unmodifiableMap(copy));
        }
    }

    /** Every reference between instances that does not resolve, as messages; empty when all do. */
    public List<String> danglingReferences() {
        List<String> out = new ArrayList<>();
        instances.forEach((kind, byName) -> byName.forEach((name, config) -> {
            for (var ref : config.references()) {
                if (!ref.isUrl() && !names(ref.kind()).contains(ref.name())) {
                    out.add(kind + " instance '" + name + "': field '" + ref.field() + "' refers to " + ref.kind()
                            + " '" + ref.name() + "', which the composition does not have");
                }
            }
        }));
        return out;
    }
}
