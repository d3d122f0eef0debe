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
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.api.spi.UrlParser;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns what a user wrote into {@link Instance}s: an entry of a config file (JSON, TOML, YAML,
 * already read into a tree) or a URL. Both go through the type tag to the registration, and from
 * there to the same config record; every error names the instance (or the URL), the tag or field,
 * and what is accepted.
 */
public final class Binder {

    private static final JsonMapper FIELDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Optional fields: a field left out of the entry binds as empty.
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Config records are public types in exported packages: no need to force access.
            .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
            .build();

    private final StoreRegistry registry;

    public Binder(StoreRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The registry whose types this binder knows. */
    public StoreRegistry registry() {
        return registry;
    }

    /**
     * The instance {@code name} of {@code kind} from its entry of a config file: a map with a
     * {@code "type"} tag and the fields of that type's config record.
     */
    public Instance bind(ServiceKind<?> kind, String name, JsonNode node) throws ConfigException {
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
            return Instance.of(kind, name, type, FIELDS.treeToValue(fields, r.configType()));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where + " (type " + type + "): unknown field '" + e.getPropertyName()
                    + "'; accepted fields: " + acceptedFields(e), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(where + " (type " + type + "): " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + " (type " + type + "): " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The instance {@code name} of {@code kind} that {@code url} describes: the scheme up to its
     * first {@code +} is the type tag, and that type's URL form reads the rest.
     */
    public <T> Instance bindUrl(ServiceKind<T> kind, String name, String url) throws ConfigException {
        ServiceUrl parsed;
        try {
            parsed = ServiceUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        String type = parsed.typeTag();
        Registration<?> r = registry.lookup(kind, type).orElseThrow(() -> new ConfigException(
                "Unknown type: " + type + " (in " + kind + " URL '" + url + "'); known " + kind + " types: "
                        + registry.typeTags(kind)))
                .registration();
        UrlParser<?> parser = r.urlParser().orElseThrow(() -> new ConfigException(
                "the " + kind + " type '" + type + "' cannot be created from a URL; describe it in a config file"));
        try {
            return Instance.of(kind, name, type, parser.parse(parsed));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid " + kind + " URL '" + url + "': " + e.getMessage(), e);
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
}
