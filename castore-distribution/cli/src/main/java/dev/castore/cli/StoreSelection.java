package dev.castore.cli;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.telemetry.TelemetrySettings;
import dev.castore.cli.roots.RootsFile;
import dev.castore.cli.roots.TreeResolver;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.StoreRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which blob and directory services a command uses: entrypoints of a config file, URLs, or the
 * embedded default (a rocksdb store under the data directory, see {@link DataHome}). A kind that
 * is not given falls back to the embedded default.
 *
 * @param config the composition file, if any
 * @param blobService an instance name of the config, or a URL (contains {@code ://})
 * @param directoryService an instance name of the config, or a URL
 */
public record StoreSelection(Optional<Path> config, Optional<String> blobService, Optional<String> directoryService) {

    /** The embedded default for both kinds. */
    public static StoreSelection embeddedDefault() {
        return new StoreSelection(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One URL (or config file) for both kinds, as {@code copy --from/--to} take it. */
    public static StoreSelection of(String spec) {
        if (spec.contains("://")) {
            return new StoreSelection(Optional.empty(), Optional.of(spec), Optional.of(spec));
        }
        return new StoreSelection(Optional.of(Path.of(spec)), Optional.empty(), Optional.empty());
    }

    /** Whether some kind uses the embedded default. */
    public boolean usesDefault() {
        return config.isEmpty() && (blobService.isEmpty() || directoryService.isEmpty());
    }

    /** Describes where data lives, for the daemon's log line. */
    public String describe(CliContext context) {
        if (config.isPresent()) {
            return "config " + config.get() + " (blob service '" + blobService.orElse(Composition.ROOT)
                    + "', directory service '" + directoryService.orElse(Composition.ROOT) + "')";
        }
        String def = DataHome.directory(context.env()).toString();
        if (blobService.isEmpty() && directoryService.isEmpty()) {
            return "data in " + def;
        }
        return "blobs in " + blobService.orElse(def) + ", directories in " + directoryService.orElse(def);
    }

    /**
     * Where the named roots of this selection's directory store are recorded: for the embedded
     * default in its data directory ({@code roots.jsonl} next to the store), for any other store
     * under the data directory's {@code roots/}, in a file named by the SHA-256 of how the
     * directory store was given (its URL, or the config file and instance).
     */
    public RootsFile roots(CliContext context) {
        Path data = DataHome.directory(context.env());
        if (config.isEmpty() && directoryService.isEmpty()) {
            return new RootsFile(data.resolve("roots.jsonl"));
        }
        String id = config.map(c -> "config " + c.toAbsolutePath().normalize() + " directory service "
                + directoryService.orElse(Composition.ROOT)).orElseGet(directoryService::orElseThrow);
        return RootsFile.keyed(data.resolve("roots"), id);
    }

    /** Opens the composition for reading and writing, as {@link #open(CliContext, Access)}. */
    public OpenStores open(CliContext context) throws IOException {
        return open(context, Access.READ_WRITE);
    }

    /**
     * Opens the composition for {@code access} (a command that only reads opens the stores
     * {@link Access#READ_ONLY}, which the embedded store opens faster); nothing is built until a
     * service is asked for. When {@value ProcessTelemetry#OTLP_ENDPOINT_ENV} is set, its stores
     * are traced, and the tracing ends when the stores are closed.
     */
    public OpenStores open(CliContext context, Access access) throws IOException {
        Optional<String> otlp = ProcessTelemetry.otlpEndpoint(Optional.empty(), context.env());
        Telemetry telemetry = ProcessTelemetry.start(context, new TelemetrySettings("castore", Optional.empty(), otlp));
        try {
            OpenStores open = open(context, telemetry, access);
            return new OpenStores(open.composition(), open.blobName(), open.directoryName(), open.missingDefault(),
                    open.deferred(), open.blobStore(), open.roots(), telemetry);
        } catch (IOException | RuntimeException e) {
            telemetry.close();
            throw e;
        }
    }

    /**
     * Opens the composition for reading and writing, each instance instrumented by
     * {@code telemetry}, which stays the caller's to close; nothing is built yet.
     */
    public OpenStores open(CliContext context, Telemetry telemetry) throws IOException {
        return open(context, telemetry, Access.READ_WRITE);
    }

    private OpenStores open(CliContext context, Telemetry telemetry, Access access) throws IOException {
        StoreRegistry registry = context.registry();
        if (config.isPresent()) {
            if (!Files.isRegularFile(config.get())) {
                throw new CliException(CliException.USAGE, "config file not found: " + config.get());
            }
            CompositionConfig parsed = CompositionConfig.read(registry, config.get());
            String blobName = blobService.orElse(Composition.ROOT);
            return new OpenStores(new Composition(registry, parsed, telemetry, access), blobName, directoryService.orElse(Composition.ROOT),
                    Optional.empty(), Optional.empty(), "config " + config.get().toAbsolutePath().normalize() + " blob service " + blobName,
                    roots(context), Telemetry.none());
        }
        for (String name : new String[] {blobService.orElse(""), directoryService.orElse("")}) {
            if (!name.isEmpty() && !name.contains("://")) {
                throw new CliException(CliException.USAGE, "'" + name + "' is an instance name, which needs --config FILE (or --store FILE);"
                        + " or give a URL such as rocksdb:///path, memory:// or grpc+http://host:port");
            }
        }
        if (blobService.isPresent() && directoryService.isPresent()) {
            CompositionConfig config = CompositionConfig.builder()
                    .addUrl(registry, ServiceKind.BLOB, Composition.ROOT, blobService.get())
                    .addUrl(registry, ServiceKind.DIRECTORY, Composition.ROOT, directoryService.get()).build();
            return new OpenStores(new Composition(registry, config, telemetry, access), Composition.ROOT, Composition.ROOT,
                    Optional.empty(), Optional.empty(), blobService.get(), roots(context), Telemetry.none());
        }
        if (blobService.isPresent() || directoryService.isPresent()) {
            // A command that uses one kind alone (cat blobs, ls directories) needs nothing of the
            // other: the embedded default for it is looked up, and its directory made, when a
            // command first asks for that kind.
            ServiceKind<?> given = blobService.isPresent() ? ServiceKind.BLOB : ServiceKind.DIRECTORY;
            ServiceKind<?> other = blobService.isPresent() ? ServiceKind.DIRECTORY : ServiceKind.BLOB;
            CompositionConfig config = CompositionConfig.builder()
                    .addUrl(registry, given, Composition.ROOT, blobService.or(() -> directoryService).orElseThrow()).build();
            DeferredComposition deferred = new DeferredComposition(other, () -> new Composition(registry,
                    CompositionConfig.builder().addUrl(registry, other, Composition.ROOT, defaultUrl(context, registry, access)).build(),
                    telemetry, access));
            return new OpenStores(new Composition(registry, config, telemetry, access), Composition.ROOT, Composition.ROOT,
                    Optional.empty(), Optional.of(deferred), blobService.orElseGet(() -> DataHome.defaultStoreUrl(context.env())),
                    roots(context), Telemetry.none());
        }
        // Neither kind is given: both are the embedded default. Without its plugin, a command
        // fails when it asks for a store.
        CompositionConfig.Builder b = CompositionConfig.builder();
        CliException missingDefault = null;
        String fallback = null;
        try {
            fallback = defaultUrl(context, registry, access);
        } catch (CliException e) {
            missingDefault = e;
        }
        if (fallback != null) {
            b.addUrl(registry, ServiceKind.BLOB, Composition.ROOT, fallback);
            b.addUrl(registry, ServiceKind.DIRECTORY, Composition.ROOT, fallback);
        }
        return new OpenStores(new Composition(registry, b.build(), telemetry, access), Composition.ROOT, Composition.ROOT,
                Optional.ofNullable(missingDefault), Optional.empty(), String.valueOf(fallback), roots(context),
                Telemetry.none());
    }

    /** The embedded default store's URL; its data directory is made for {@link Access#READ_WRITE} (a reader makes nothing). */
    private static String defaultUrl(CliContext context, StoreRegistry registry, Access access) throws IOException {
        Path dir = DataHome.directory(context.env());
        String type = DataHome.TYPE;
        if (DataHome.holdsOnlyPreviousStore(dir)) {
            type = DataHome.PREVIOUS_TYPE;
        }
        if (registry.lookup(ServiceKind.BLOB, type).isEmpty() || registry.lookup(ServiceKind.DIRECTORY, type).isEmpty()) {
            throw new CliException(CliException.USAGE, "the embedded default store needs the " + type + " plugin, which is"
                    + " not installed (plugins directory: " + context.pluginsDirectory().map(Path::toString).orElse("none")
                    + "); install it or pass --store URL|CONFIG (or --blob-service/--directory-service URLs)");
        }
        if (type.equals(DataHome.PREVIOUS_TYPE)) {
            context.err().println(DataHome.migrationNotice(dir));
            context.err().flush();
            return DataHome.previousStoreUrl(dir);
        }
        if (access == Access.READ_WRITE) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                // A service user's HOME that does not exist, say: say which directory, and the ways out.
                throw new CliException(CliException.FAILED, "the embedded default store's directory " + dir
                        + " cannot be made (" + Errors.inWords(e) + "); set XDG_DATA_HOME, or name a store with --store");
            }
        }
        return DataHome.storeUrl(dir);
    }

    /**
     * The composition of one kind's store, made the first time that kind is asked for; closed
     * with the stores if it was made.
     */
    public static final class DeferredComposition implements AutoCloseable {

        /** Makes the composition. */
        interface Maker {
            Composition make() throws IOException;
        }

        private final ServiceKind<?> kind;
        private final Maker maker;
        private Composition made;
        private boolean closed;

        DeferredComposition(ServiceKind<?> kind, Maker maker) {
            this.kind = kind;
            this.maker = maker;
        }

        synchronized Composition get() throws IOException {
            if (closed) {
                throw new IOException("the stores are closed");
            }
            if (made == null) {
                made = maker.make();
            }
            return made;
        }

        synchronized Optional<Composition> made() {
            return Optional.ofNullable(made);
        }

        @Override
        public void close() throws IOException {
            Optional<Composition> c;
            synchronized (this) {
                closed = true;
                c = Optional.ofNullable(made);
            }
            if (c.isPresent()) {
                c.get().close();
            }
        }
    }

    /**
     * A composition and the entrypoints to use; {@code missingDefault} is the error for a kind
     * that falls back to an embedded default that is not installed; {@code deferred}, when
     * present, holds the store of one kind instead of {@code composition} (the embedded default,
     * opened when first asked for); {@code blobStore} names the blob store in use (its URL, or the
     * config and instance), which keys the files cache; {@code roots} are the named roots of the
     * directory store; {@code telemetry} is closed after the stores.
     */
    public record OpenStores(Composition composition, String blobName, String directoryName,
            Optional<CliException> missingDefault, Optional<DeferredComposition> deferred, String blobStore,
            RootsFile roots, Telemetry telemetry) implements AutoCloseable {

        /** Reads the tree addresses commands take (digests, named roots, paths inside) in these stores. */
        public TreeResolver resolver() {
            return new TreeResolver(roots, this::directories);
        }

        public BlobService blobs() throws IOException {
            return build(ServiceKind.BLOB, blobName);
        }

        public DirectoryService directories() throws IOException {
            return build(ServiceKind.DIRECTORY, directoryName);
        }

        /**
         * The directory service, unless it is an embedded default not opened yet: for a question a
         * command asks only to word an error better, which must not open (or create) a store.
         */
        public Optional<DirectoryService> directoriesAtHand() throws IOException {
            return atHand(ServiceKind.DIRECTORY) ? Optional.of(directories()) : Optional.empty();
        }

        /** The blob service, unless it is an embedded default not opened yet (see {@link #directoriesAtHand}). */
        public Optional<BlobService> blobsAtHand() throws IOException {
            return atHand(ServiceKind.BLOB) ? Optional.of(blobs()) : Optional.empty();
        }

        private boolean atHand(ServiceKind<?> kind) {
            return deferred.isEmpty() || deferred.get().kind != kind || deferred.get().made().isPresent();
        }

        /** The compositions opened so far: the stores' and, once made, the deferred kind's. */
        public List<Composition> compositions() {
            List<Composition> all = new ArrayList<>(List.of(composition));
            deferred.flatMap(DeferredComposition::made).ifPresent(all::add);
            return all;
        }

        private <T> T build(ServiceKind<T> kind, String name) throws IOException {
            if (deferred.isPresent() && deferred.get().kind == kind) {
                return deferred.get().get().build(kind, name);
            }
            if (missingDefault.isPresent() && !name.contains("://") && composition.config().get(kind, name).isEmpty()) {
                throw missingDefault.get();
            }
            return composition.build(kind, name);
        }

        /** Closes the stores, then the telemetry even when that fails. */
        @Override
        public void close() throws IOException {
            try (telemetry; composition) {
                if (deferred.isPresent()) {
                    deferred.get().close();
                }
            }
        }
    }
}
