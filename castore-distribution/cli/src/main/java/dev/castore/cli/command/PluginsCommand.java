package dev.castore.cli.command;

import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.Blake3Provider;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceKind;
import dev.castore.cli.CliContext;
import dev.castore.composition.ProviderFailure;
import dev.castore.composition.ProviderInfo;
import dev.castore.composition.StoreRegistry;
import dev.castore.composition.plugin.ArchiveImporters;
import dev.castore.composition.plugin.Listeners;
import dev.castore.composition.plugin.Plugin;
import dev.castore.composition.plugin.PluginFailure;
import dev.castore.composition.plugin.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code castore plugins}. */
@Command(name = "plugins", description = {"List every store provider (module, version, type tags per kind), the"
        + " listener schemes, the archive formats imported, the plugins loaded and those that failed, and the BLAKE3 implementation in use."})
public final class PluginsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--index", description = {"Write into each plugin's directory the index of what it provides, so"
            + " that commands load a plugin only when they need it (the image comes with them; run this after adding"
            + " or changing a plugin)."})
    boolean index;

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
        for (Plugin p : plugins.plugins()) {
            out.println("  " + p.name() + ": " + (p.isModular()
                    ? p.modules().size() + " modules in its own layer" + (p.skipped().isEmpty() ? ""
                            : ", " + p.skipped().size() + " jars left out (the image has them)")
                    : "plain jars, own class loader"));
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
                e.module() + " " + e.version().orElse("(no version)"), k -> new ArrayList<>()).add(e.scheme()));
        byModule.forEach((module, schemes) -> out.println("  " + module + "  " + String.join(", ", schemes)));
        out.println("archive importers:");
        ArchiveImporters importers = context.archiveImporters();
        if (importers.byFormats().isEmpty()) {
            out.println("  none (the tar plugin imports tar archives)");
        }
        importers.byFormats().values().forEach(e -> out.println("  " + e.module() + " " + e.version().orElse("(no version)")
                + "  " + e.format()));
        List<String> failures = new ArrayList<>();
        for (PluginFailure f : plugins.failures()) {
            failures.add("plugin " + f.name() + " (" + f.location() + "): " + f.error());
        }
        for (ProviderFailure f : registry.failures()) {
            failures.add("store provider of " + f.source() + ": " + f.error());
        }
        for (ProviderFailure f : listeners.failures()) {
            failures.add("listener provider of " + f.source() + ": " + f.error());
        }
        for (ProviderFailure f : importers.failures()) {
            failures.add("archive importer of " + f.source() + ": " + f.error());
        }
        if (!failures.isEmpty()) {
            out.println("failed:");
            failures.forEach(f -> out.println("  " + f));
        }
        out.flush();
        return 0;
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
