package dev.castore.cli.command;

import dev.castore.cli.StoreSelection;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The store selection options every store-using command takes. */
public final class StoreOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Composition file (JSON, TOML or YAML) whose entrypoints are used.")
    Path config;

    @Option(names = "--blob-service", paramLabel = "NAME|URL",
            description = "Blob service: an instance of --config (default 'root') or a URL, e.g. rocksdb:///srv/castore.")
    String blobService;

    @Option(names = "--directory-service", paramLabel = "NAME|URL",
            description = "Directory service: an instance of --config (default 'root') or a URL, e.g. grpc+http://127.0.0.1:8000.")
    String directoryService;

    /** The selection these options describe. */
    public StoreSelection selection() {
        return new StoreSelection(Optional.ofNullable(config), Optional.ofNullable(blobService),
                Optional.ofNullable(directoryService));
    }
}
