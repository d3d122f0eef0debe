package dev.castore.cli.ingest;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.spi.ArchiveEntries;
import dev.castore.api.spi.ArchiveImporterProvider;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.composition.plugin.KeyedProviders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * {@code castore import --archive FILE|-}: the archive streams from the file or standard input
 * into the importer of its format, found among the image's and the plugins' providers. The
 * import's choices apply to the archive's entries: exclude patterns to entry paths below the
 * archive's top, as to paths below an imported directory, and special entries (devices, FIFOs)
 * are skipped with a warning when asked. The files the importer writes at once are as many as the
 * store keeps calls in flight, or as {@code --jobs} says.
 */
public final class ArchiveImport {

    /** The format every archive is read as for now; its importer recognises the compression. */
    static final String FORMAT = "tar";

    private ArchiveImport() {}

    /**
     * Imports {@code archive} ({@code -} for standard input) and returns the tree's root; with
     * {@code jobs} files written at once when not null: the importer sees it as the calls the store
     * keeps in flight (1: one file after the other, on the thread that reads the archive).
     */
    public static DirectoryNode run(CliContext context, String archive, BlobService blobs, DirectoryService directories,
            ImportChoices choices, ImportProgress progress, Integer jobs) throws IOException {
        if (jobs != null) {
            blobs = writingAtOnce(blobs, jobs);
        }
        KeyedProviders.Entry<ArchiveImporterProvider> importer = context.archiveImporters().lookup(FORMAT).orElseThrow(
                () -> new CliException(CliException.USAGE, "no importer of " + FORMAT + " archives: the tar plugin"
                        + " (plugins/tar) provides it; 'castore plugins' lists what is installed"));
        ArchiveEntries entries = new ArchiveEntries(excluded(choices), choices.skipSpecial(), choices::warn, size -> {
            progress.found(1, size);
            progress.bytes(size);
            progress.fileDone();
        });
        try {
            if (archive.equals("-")) {
                // Not closed: standard input belongs to the process.
                return importer.provider().importArchive(FORMAT, new FilterInputStream(System.in) {
                    @Override
                    public void close() {}
                }, blobs, directories, entries);
            }
            try (InputStream in = Files.newInputStream(Path.of(archive))) {
                return importer.provider().importArchive(FORMAT, in, blobs, directories, entries);
            }
        } catch (UnsupportedOperationException e) {
            throw new CliException(CliException.USAGE, "--exclude and --skip-special do not apply to this archive: "
                    + e.getMessage() + " (" + importer.module() + ")");
        }
    }

    /** {@code blobs}, saying that it keeps {@code jobs} calls in flight (none for 1). */
    static BlobService writingAtOnce(BlobService blobs, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        return new ForwardingBlobService(blobs) {
            @Override
            public int callsInFlight() {
                return jobs == 1 ? 0 : jobs;
            }
        };
    }

    private static Predicate<String> excluded(ImportChoices choices) {
        if (!choices.excludes()) {
            return ArchiveEntries.NOTHING;
        }
        return path -> {
            try {
                return choices.excluded(Path.of(path));
            } catch (InvalidPathException e) {
                throw new CliException(CliException.USAGE, "--exclude cannot be matched against archive entry '" + path
                        + "': " + e.getMessage());
            }
        };
    }
}
