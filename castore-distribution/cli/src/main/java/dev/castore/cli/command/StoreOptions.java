package dev.castore.cli.command;

import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The store selection options every store-using command takes, and the environment variables
 * that stand in for them: {@code CASTORE_STORE} for {@code --store}, {@code CASTORE_BLOB_SERVICE}
 * and {@code CASTORE_DIRECTORY_SERVICE} for the two kinds. A flag wins over the environment for
 * its kind; a config file named in the environment applies only when no store flag is given.
 */
public final class StoreOptions {

    /** The environment variable for {@code --store}. */
    public static final String STORE_ENV = "CASTORE_STORE";
    /** The environment variable for {@code --blob-service}. */
    public static final String BLOB_ENV = "CASTORE_BLOB_SERVICE";
    /** The environment variable for {@code --directory-service}. */
    public static final String DIRECTORY_ENV = "CASTORE_DIRECTORY_SERVICE";

    @Option(names = {"-s", "--store"}, paramLabel = "URL|CONFIG",
            description = "Both kinds at once: a URL (rocksdb:///srv/castore, grpc+http://127.0.0.1:8000, memory://)"
                    + " or a composition file whose 'root' entrypoints are used (default: $" + STORE_ENV + ").")
    String store;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Composition file (JSON, TOML or YAML) whose entrypoints are used.")
    Path config;

    @Option(names = "--blob-service", paramLabel = "NAME|URL",
            description = "Blob service: an instance of the config (default 'root') or a URL, e.g. rocksdb:///srv/castore"
                    + " (default: $" + BLOB_ENV + ").")
    String blobService;

    @Option(names = "--directory-service", paramLabel = "NAME|URL",
            description = "Directory service: an instance of the config (default 'root') or a URL, e.g."
                    + " grpc+http://127.0.0.1:8000 (default: $" + DIRECTORY_ENV + ").")
    String directoryService;

    /** The selection these options describe, the environment filling in what they leave open. */
    public StoreSelection selection(Map<String, String> env) {
        if (store != null && config != null) {
            throw new CliException(CliException.USAGE, "give --store or --config, not both (--store takes a config file too)");
        }
        Layer flags = Layer.of(config != null ? config.toString() : store, blobService, directoryService);
        Layer fromEnv = Layer.of(value(env, STORE_ENV), value(env, BLOB_ENV), value(env, DIRECTORY_ENV));
        return flags.over(fromEnv);
    }

    /** The selection of the environment alone ($CASTORE_STORE, ...), the embedded default where it is silent. */
    public static StoreSelection fromEnvironment(Map<String, String> env) {
        return new StoreOptions().selection(env);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** One source of settings: a config file, or a URL per kind. */
    private record Layer(Optional<Path> config, Optional<String> blob, Optional<String> directory) {

        static Layer of(String store, String blob, String directory) {
            boolean url = store != null && store.contains("://");
            Optional<Path> config = store == null || url ? Optional.empty() : Optional.of(Path.of(store));
            Optional<String> both = url ? Optional.of(store) : Optional.empty();
            return new Layer(config, Optional.ofNullable(blob).or(() -> both), Optional.ofNullable(directory).or(() -> both));
        }

        boolean isEmpty() {
            return config.isEmpty() && blob.isEmpty() && directory.isEmpty();
        }

        StoreSelection over(Layer env) {
            if (config.isPresent() || env.config.isPresent() && isEmpty()) {
                Layer chosen = config.isPresent() ? this : env;
                return new StoreSelection(chosen.config, chosen.blob, chosen.directory);
            }
            // A config of the environment cannot serve a kind the flags leave open next to a URL of theirs.
            Layer rest = env.config.isPresent() ? new Layer(Optional.empty(), Optional.empty(), Optional.empty()) : env;
            return new StoreSelection(Optional.empty(), blob.or(() -> rest.blob), directory.or(() -> rest.directory));
        }
    }
}
