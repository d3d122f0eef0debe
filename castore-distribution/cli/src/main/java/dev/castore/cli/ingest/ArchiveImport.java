package dev.castore.cli.ingest;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.composition.plugin.ArchiveImporters;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code castore import --archive FILE|-}: the archive streams from the file or standard input
 * into the importer of its format, found among the image's and the plugins' providers.
 */
public final class ArchiveImport {

    /** The format every archive is read as for now; its importer recognises the compression. */
    static final String FORMAT = "tar";

    private ArchiveImport() {}

    /** Imports {@code archive} ({@code -} for standard input) and returns the tree's root. */
    public static DirectoryNode run(CliContext context, String archive, BlobService blobs, DirectoryService directories)
            throws IOException {
        ArchiveImporters.Entry importer = context.archiveImporters().lookup(FORMAT).orElseThrow(
                () -> new CliException(CliException.USAGE, "no importer of " + FORMAT + " archives: the tar plugin"
                        + " (plugins/tar) provides it; 'castore plugins' lists what is installed"));
        if (archive.equals("-")) {
            // Not closed: standard input belongs to the process.
            return importer.provider().importArchive(FORMAT, new FilterInputStream(System.in) {
                @Override
                public void close() {}
            }, blobs, directories);
        }
        try (InputStream in = Files.newInputStream(Path.of(archive))) {
            return importer.provider().importArchive(FORMAT, in, blobs, directories);
        }
    }
}
