package dev.castore.composition.plugin;

import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.api.spi.CompositionException;
import dev.castore.composition.ProviderFailure;
import dev.castore.composition.ProviderScan;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The archive importers, by format ({@code tar}), found through {@link ArchiveImporterProvider}
 * by a {@link ProviderScan}, as store types and listeners are: two providers of one format are an
 * error naming both modules.
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
    private final ProviderScan<ArchiveImporterProvider> scan = new ProviderScan<>("archive importer");
    private final Source source;

    private ArchiveImporters(Source source) {
        this.source = source;
    }

    /** The providers that {@code loaders} find now, and those of {@code source} when needed. */
    public static ArchiveImporters load(List<ServiceLoader<ArchiveImporterProvider>> loaders, Source source)
            throws CompositionException {
        ArchiveImporters importers = new ArchiveImporters(source);
        importers.addAll(loaders);
        return importers;
    }

    private synchronized void addAll(List<ServiceLoader<ArchiveImporterProvider>> loaders) throws CompositionException {
        for (ProviderScan.Found<ArchiveImporterProvider> f : scan.scan(loaders)) {
            Set<String> formats;
            try {
                formats = Set.copyOf(f.provider().formats());
            } catch (RuntimeException | LinkageError e) {
                scan.fail(f.module(), e);
                continue;
            }
            for (String format : formats) {
                scan.claim("import the archive format", format, f);
                byFormats.put(format, new Entry(format, f.provider(), f.module(), f.version()));
            }
        }
    }

    private synchronized void addRest() {
        try {
            addAll(source.rest());
        } catch (CompositionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every format imported, sorted, with its provider (every provider is loaded first). */
    public synchronized Map<String, Entry> byFormats() {
        addRest();
        return Collections.unmodifiableMap(new TreeMap<>(byFormats));
    }

    /** Providers that failed to load (every provider is tried first). */
    public synchronized List<ProviderFailure> failures() {
        addRest();
        return scan.failures();
    }

    /**
     * The provider of {@code format}, if any; loads the plugins that declare it when it is not known yet.
     *
     * @throws CompositionException when two providers turn out to import one format
     */
    public synchronized Optional<Entry> lookup(String format) throws CompositionException {
        Entry entry = byFormats.get(format);
        if (entry == null) {
            addAll(source.candidates(format));
            entry = byFormats.get(format);
        }
        return Optional.ofNullable(entry);
    }
}
