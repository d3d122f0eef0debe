package dev.castore.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.api.spi.Blake3Provider;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceKind;
import dev.castore.cli.CliContext;
import dev.castore.cli.Quantity;
import dev.castore.cli.json.JsonOutput;
import dev.castore.composition.ProviderFailure;
import dev.castore.composition.ProviderInfo;
import dev.castore.composition.StoreRegistry;
import dev.castore.composition.plugin.KeyedProviders;
import dev.castore.composition.plugin.Listeners;
import dev.castore.composition.plugin.Plugin;
import dev.castore.composition.plugin.PluginFailure;
import dev.castore.composition.plugin.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code castore plugins}. */
@Command(name = "plugins", description = {"List every store provider (module, version, type tags per kind), the"
        + " listener schemes, the archive formats imported, the plugins loaded (with their extensions) and those that failed,"
        + " and the BLAKE3 implementation in use."})
public final class PluginsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--index", description = {"Write into each plugin's directory the index of what it provides, so"
            + " that commands load a plugin only when they need it, and its jars' module descriptors, so that loading it"
            + " reads no jar through (the image comes with them; run this after adding or changing a plugin)."})
    boolean index;

    @Option(names = "--json", description = {"Print one JSON document: blake3 (implementation, available), plugins_directory,"
            + " plugins (name, modular, modules, indexed, extensions: name, modules), providers (module, version, types: kind -> tags), listeners (scheme, module,"
            + " version), archive_importers (format, module, version), telemetry (module, version; null when none),"
            + " failed (what, error)."})
    boolean json;

    public PluginsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (index) {
            for (Path written : context.plugins().writeIndexes()) {
                context.out().println("indexed " + written);
            }
            return 0;
        }
        if (json) {
            json();
            return 0;
        }
        PrintWriter out = context.out();
        Plugins plugins = context.plugins();
        StoreRegistry registry = context.registry();
        Listeners listeners = context.listeners();
        List<Blake3Provider> hashers = Blake3.providers();
        String status = Blake3.status();
        out.println("BLAKE3: " + Blake3.implementationName() + " (available: "
                + hashers.stream().filter(Blake3Provider::isAvailable).map(Blake3Provider::name)
                        .collect(Collectors.joining(", ")) + ")" + (status.isEmpty() ? "" : "; hashing " + status));
        for (Blake3Provider p : hashers) {
            p.unavailableReason().ifPresent(reason -> out.println("  " + p.name() + " not available: " + reason));
        }
        out.println("plugins directory: " + context.pluginsDirectory().map(Path::toString).orElse("none"));
        Map<String, Boolean> indexed = plugins.indexed();
        for (Plugin p : plugins.plugins()) {
            out.println("  " + p.name() + ": " + (p.isModular()
                    ? Quantity.of(p.modules().size(), "module") + " in its own layer" + (p.skipped().isEmpty() ? ""
                            : ", " + Quantity.of(p.skipped().size(), "jar") + " left out (the image has them)")
                    : "plain jars, own class loader")
                    + (Files.isDirectory(p.location()) && !indexed.getOrDefault(p.name(), false)
                            ? "; no index for its jars as they are: commands load it to learn its types"
                                    + " (castore plugins --index)"
                            : ""));
            for (Plugin e : plugins.extensions(p)) {
                out.println("    extension " + extensionName(p, e) + ": " + Quantity.of(e.modules().size(), "module")
                        + " in a layer over the plugin's, made when a store asks for it");
            }
        }
        out.println("store providers:");
        for (ProviderInfo info : registry.providers()) {
            out.println("  " + info.module() + " " + info.version().orElse("(no version)") + "  " + tags(info.registrations()));
        }
        out.println("listeners:");
        if (listeners.bySchemes().isEmpty()) {
            out.println("  none (the gRPC plugin serves grpc+http and grpc+unix)");
        }
        Map<String, List<String>> byModule = new TreeMap<>();
        listeners.bySchemes().values().forEach(e -> byModule.computeIfAbsent(
                e.module() + " " + e.version().orElse("(no version)"), k -> new ArrayList<>()).add(e.key()));
        byModule.forEach((module, schemes) -> out.println("  " + module + "  " + String.join(", ", schemes)));
        out.println("archive importers:");
        KeyedProviders<ArchiveImporterProvider> importers = context.archiveImporters();
        if (importers.byKey().isEmpty()) {
            out.println("  none (the tar plugin imports tar archives)");
        }
        importers.byKey().values().forEach(e -> out.println("  " + e.module() + " " + e.version().orElse("(no version)")
                + "  " + e.key()));
        out.println("telemetry:");
        Optional<Module> telemetry = telemetry().module();
        out.println(telemetry.map(m -> "  " + m.getName() + " " + version(m).orElse("(no version)")
                        + "  metrics (daemon --metrics-listen), traces (OTEL_EXPORTER_OTLP_ENDPOINT)")
                .orElse("  none (the observability plugin provides metrics and traces)"));
        List<Failure> failures = failures();
        if (!failures.isEmpty()) {
            out.println("failed:");
            failures.forEach(f -> out.println("  " + f.what() + ": " + f.error()));
        }
        out.flush();
        return 0;
    }

    /** The name of {@code extension} within {@code plugin}: its sub-directory. */
    private static String extensionName(Plugin plugin, Plugin extension) {
        return extension.name().substring(plugin.name().length() + 1);
    }

    /** Something that did not load, and why. */
    private record Failure(String what, String error) {}

    private List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (PluginFailure f : context.plugins().failures()) {
            failures.add(new Failure("plugin " + f.name() + " (" + f.location() + ")", f.error()));
        }
        for (PluginFailure f : context.plugins().extensionFailures()) {
            failures.add(new Failure("plugin extension " + f.name() + " (" + f.location() + ")", f.error()));
        }
        for (Plugin p : context.plugins().plugins()) {
            unreadableJars(p).forEach(failures::add);
        }
        for (ProviderFailure f : context.registry().failures()) {
            failures.add(new Failure("store provider of " + f.source(), f.error()));
        }
        for (ProviderFailure f : context.listeners().failures()) {
            failures.add(new Failure("listener provider of " + f.source(), f.error()));
        }
        for (ProviderFailure f : context.archiveImporters().failures()) {
            failures.add(new Failure("archive importer of " + f.source(), f.error()));
        }
        telemetry().conflict().ifPresent(failures::add);
        return failures;
    }

    /**
     * The jars of a plugin that are not valid zip files: the loader passes over them (a plain-jar
     * plugin then simply provides nothing), so a truncated download would go unnoticed.
     */
    private static List<Failure> unreadableJars(Plugin plugin) {
        List<Failure> failures = new ArrayList<>();
        if (!Files.isDirectory(plugin.location())) {
            return failures;
        }
        try (Stream<Path> jars = Files.list(plugin.location())) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile ignored = new JarFile(jar.toFile())) {
                    // readable
                } catch (IOException e) {
                    failures.add(new Failure("plugin " + plugin.name() + " (" + plugin.location() + ")",
                            jar.getFileName() + " is not a valid jar: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            failures.add(new Failure("plugin " + plugin.name() + " (" + plugin.location() + ")", e.toString()));
        }
        return failures;
    }

    private void json() throws IOException {
        JsonGenerator g = JsonOutput.lines(context.out());
        g.writeStartObject();
        g.writeObjectFieldStart("blake3");
        g.writeStringField("implementation", Blake3.implementationName());
        g.writeArrayFieldStart("available");
        for (Blake3Provider p : Blake3.providers()) {
            if (p.isAvailable()) {
                g.writeString(p.name());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField("plugins_directory", context.pluginsDirectory().map(Path::toString).orElse(null));
        g.writeArrayFieldStart("plugins");
        Map<String, Boolean> indexed = context.plugins().indexed();
        for (Plugin p : context.plugins().plugins()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeBooleanField("modular", p.isModular());
            g.writeNumberField("modules", p.modules().size());
            g.writeBooleanField("indexed", indexed.getOrDefault(p.name(), false));
            g.writeArrayFieldStart("extensions");
            for (Plugin e : context.plugins().extensions(p)) {
                g.writeStartObject();
                g.writeStringField("name", extensionName(p, e));
                g.writeNumberField("modules", e.modules().size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("providers");
        for (ProviderInfo info : context.registry().providers()) {
            g.writeStartObject();
            g.writeStringField("module", info.module());
            g.writeStringField("version", info.version().orElse(null));
            g.writeObjectFieldStart("types");
            for (ServiceKind<?> k : ServiceKind.values()) {
                List<String> tags = info.registrations().stream().filter(r -> r.kind() == k).map(Registration::type).toList();
                if (!tags.isEmpty()) {
                    g.writeArrayFieldStart(k.name());
                    for (String t : tags) {
                        g.writeString(t);
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        writeKeyed(g, "listeners", "scheme", context.listeners().bySchemes());
        writeKeyed(g, "archive_importers", "format", context.archiveImporters().byKey());
        Optional<Module> telemetry = telemetry().module();
        if (telemetry.isPresent()) {
            g.writeObjectFieldStart("telemetry");
            g.writeStringField("module", telemetry.get().getName());
            g.writeStringField("version", version(telemetry.get()).orElse(null));
            g.writeEndObject();
        } else {
            g.writeNullField("telemetry");
        }
        g.writeArrayFieldStart("failed");
        for (Failure f : failures()) {
            g.writeStartObject();
            g.writeStringField("what", f.what());
            g.writeStringField("error", f.error());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        JsonOutput.end(g);
    }

    /** {@code field}: an array of the providers by key, each {@code {keyName, module, version}}. */
    private static void writeKeyed(JsonGenerator g, String field, String keyName,
            Map<String, ? extends KeyedProviders.Entry<?>> providers) throws IOException {
        g.writeArrayFieldStart(field);
        for (KeyedProviders.Entry<?> e : providers.values()) {
            g.writeStartObject();
            g.writeStringField(keyName, e.key());
            g.writeStringField("module", e.module());
            g.writeStringField("version", e.version().orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The module of the telemetry provider, or why none was chosen (two of them, listed under failed). */
    private record TelemetryFound(Optional<Module> module, Optional<Failure> conflict) {}

    private TelemetryFound telemetryFound;

    /**
     * The telemetry provider, looked up once: the plugins handed out to a lookup are not handed
     * out again, so a second lookup would not see the first one's provider.
     */
    private TelemetryFound telemetry() {
        if (telemetryFound == null) {
            try {
                telemetryFound = new TelemetryFound(
                        context.plugins().telemetryProvider().map(p -> p.getClass().getModule()), Optional.empty());
            } catch (CompositionException e) {
                telemetryFound = new TelemetryFound(Optional.empty(), Optional.of(new Failure("telemetry provider", e.getMessage())));
            }
        }
        return telemetryFound;
    }

    private static Optional<String> version(Module m) {
        return Optional.ofNullable(m.getDescriptor()).flatMap(ModuleDescriptor::rawVersion);
    }

    private static String tags(List<Registration<?>> registrations) {
        Map<String, List<String>> byKind = new TreeMap<>();
        for (ServiceKind<?> k : ServiceKind.values()) {
            for (Registration<?> r : registrations) {
                if (r.kind() == k) {
                    byKind.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(r.type() + (r.urlParser().isPresent() ? " (url)" : ""));
                }
            }
        }
        return byKind.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
