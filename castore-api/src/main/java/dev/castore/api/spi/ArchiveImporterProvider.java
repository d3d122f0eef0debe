package dev.castore.api.spi;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.DirectoryNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Imports archives ({@code tar}, compressed or not) into a blob and a directory service, chosen by
 * the archive format's name. Found with {@link java.util.ServiceLoader}, like
 * {@link ListenerProvider}.
 */
public interface ArchiveImporterProvider {

    /** The archive formats this provider reads, e.g. {@code tar}. */
    Set<String> formats();

    /**
     * Reads {@code archive} of the given format once, from its first byte to its end, and stores
     * its files, symlinks and directories; returns the directory the archive's entries are relative
     * to, whose digest is that of importing the tree the archive extracts to. Nothing is buffered
     * whole: file contents stream into blobs as they are read. When it returns, everything is
     * durable (blobs synced, then the directories put as one closure). The services and the stream
     * stay owned by the caller.
     *
     * @throws dev.castore.api.InvalidRequestException when the archive is malformed or holds an
     *     entry that cannot be stored (a device, an absolute path, {@code ..}), naming the entry
     */
    DirectoryNode importArchive(String format, InputStream archive, BlobService blobs, DirectoryService directories)
            throws IOException;

    /**
     * As {@link #importArchive(String, InputStream, BlobService, DirectoryService)}, leaving out
     * and counting entries as {@code entries} says. A provider that cannot leave entries out keeps
     * this default: it imports everything (counting nothing) when {@code entries} leaves nothing
     * out, and refuses otherwise.
     *
     * @throws UnsupportedOperationException when entries are to be left out and this provider
     *     cannot do it
     */
    default DirectoryNode importArchive(String format, InputStream archive, BlobService blobs,
            DirectoryService directories, ArchiveEntries entries) throws IOException {
        if (entries.leavesOut()) {
            throw new UnsupportedOperationException("the importer of " + format + " archives cannot leave entries out");
        }
        return importArchive(format, archive, blobs, directories);
    }
}
