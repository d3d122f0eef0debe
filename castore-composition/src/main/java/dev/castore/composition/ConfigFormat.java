package dev.castore.composition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Locale;

/** The text formats a composition file may be written in, chosen by file extension. */
public enum ConfigFormat {
    JSON(new JsonMapper()),
    TOML(new TomlMapper()),
    YAML(new YAMLMapper());

    private final ObjectMapper reader;

    ConfigFormat(ObjectMapper reader) {
        this.reader = reader;
    }

    ObjectMapper reader() {
        return reader;
    }

    /** The format of {@code file}: {@code .json}, {@code .toml}, {@code .yaml} or {@code .yml}. */
    public static ConfigFormat of(Path file) throws ConfigException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".toml")) {
            return TOML;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        throw new ConfigException("cannot tell the format of config file '" + file
                + "': name it *.json, *.toml, *.yaml or *.yml");
    }
}
