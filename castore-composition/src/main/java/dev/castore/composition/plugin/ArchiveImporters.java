package dev.castore.composition.plugin;

import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.composition.ProviderFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The archive importers, by format ({@code tar}), found through {@link ArchiveImporterProvider}.
 * The first provider of a format wins; a second one is reported in {@link #failures()}.
 */
public final class ArchiveImporters {

    /** A format and the provider that imports it. */
    public record Entry(String format, ArchiveImporterProvider provider, String module, Optional<String> version) {}

    /** Where more providers come from when a format is not served yet (plugins loaded when needed). */
    public interface Source {
        /** Loaders of providers that may import {@code format}; each loader is handed out once over all calls. */
        List<ServiceLoader<ArchiveImporterProvider>> candidates(String format);

        /** Loaders of every provider not handed out yet. */
        List<ServiceLoader<ArchiveImporterProvider>> rest();
    }

    private final Map<String, Entry> byFormats = new TreeMap<>();
    private final List<ProviderFailure> failures = new ArrayList<>();
    private final Set<Class<?>> seen = new HashSet<>();
    private final Source source;

    private ArchiveImporters(Source source) {
        this.source = source;
    }

    /** The providers that {@code loaders} find now, and those of {@code source} when needed. */
    public static ArchiveImporters load(List<ServiceLoader<ArchiveImporterProvider>> loaders, Source source) {
        ArchiveImporters importers = new ArchiveImporters(source);
        importers.addAll(loaders);
        return importers;
    }

    private synchronized void addAll(List<ServiceLoader<ArchiveImporterProvider>> loaders) {
        for (ServiceLoader<ArchiveImporterProvider> loader : loaders) {
            var it = loader.stream().iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    var p = it.next();
                    if (seen.add(p.type())) {
                        add(p.get());
                    }
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add(new ProviderFailure("archive importer", String.valueOf(e.getMessage())));
                }
            }
        }
    }

    private void add(ArchiveImporterProvider provider) {
        Module m = provider.getClass().getModule();
        String module = m.isNamed() ? m.getName() : "unnamed module (" + provider.getClass().getName() + ")";
        Optional<String> version = m.isNamed() && m.getDescriptor() != null ? m.getDescriptor().rawVersion() : Optional.empty();
        for (String format : provider.formats()) {
            Entry previous = byFormats.putIfAbsent(format, new Entry(format, provider, module, version));
            if (previous != null) {
                failures.add(new ProviderFailure(module, "archive format '" + format + "' is already imported by "
                        + previous.module()));
            }
        }
    }

    /** Every format imported, sorted, with its provider (every provider is loaded first). */
    public synchronized Map<String, Entry> byFormats() {
        addAll(source.rest());
        return Collections.unmodifiableMap(new TreeMap<>(byFormats));
    }

    /** Providers that failed to load or claimed a format already taken (every provider is tried first). */
    public synchronized List<ProviderFailure> failures() {
        addAll(source.rest());
        return List.copyOf(failures);
    }

    /** The provider of {@code format}, if any; loads the plugins that declare it when it is not known yet. */
    public synchronized Optional<Entry> lookup(String format) {
        Entry entry = byFormats.get(format);
        if (entry == null) {
            addAll(source.candidates(format));
            entry = byFormats.get(format);
        }
        return Optional.ofNullable(entry);
    }
}
