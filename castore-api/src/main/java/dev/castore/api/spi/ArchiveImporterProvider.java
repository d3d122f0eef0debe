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
}
