package dev.castore.archive.tar;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.spi.ArchiveEntries;
import dev.castore.api.spi.ArchiveImporterProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The archive format {@code tar}: ustar, GNU and PAX tar (long names, sparse files), plain or
 * compressed with gzip, zstd, xz or bzip2 (recognised by their first bytes), read as one stream.
 * See {@link TarImport} for what is kept and what is refused.
 */
public final class TarImporterProvider implements ArchiveImporterProvider {

    /** The one format name this provider serves. */
    public static final String FORMAT = "tar";

    @Override
    public Set<String> formats() {
        return Set.of(FORMAT);
    }

    @Override
    public DirectoryNode importArchive(String format, InputStream archive, BlobService blobs, DirectoryService directories)
            throws IOException {
        return importArchive(format, archive, blobs, directories, ArchiveEntries.all());
    }

    @Override
    public DirectoryNode importArchive(String format, InputStream archive, BlobService blobs,
            DirectoryService directories, ArchiveEntries entries) throws IOException {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format '" + format + "' is not served here; this provider reads " + FORMAT);
        }
        return new TarImport(blobs, directories, entries).run(Compression.decompressing(archive));
    }
}
