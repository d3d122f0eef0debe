package dev.castore.archive.tar;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.SymlinkNode;
import dev.castore.api.model.SymlinkTarget;
import dev.castore.api.spi.ArchiveEntries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import of a tar stream. Entries are read in order; each regular file's contents are written
 * for a later sync: into a store across a network a small one's read whole and written on the side
 * while the next entries are read ({@link SmallFiles}), otherwise they stream straight into a blob
 * writer, so memory holds one read buffer, the small files on their way and the tree's nodes.
 * Kept: regular files with their owner-execute bit (as the import of a local tree reads it),
 * symlinks with their targets as written, directories, hard links (the file or symlink they link
 * to, again at their own path), PAX and GNU long names and link targets, sparse files (as the
 * bytes they read as). Refused, naming the entry: devices, FIFOs, absolute paths, {@code ..},
 * names that are not UTF-8, and entry types tar extraction would not make a file of. Left out as
 * {@link ArchiveEntries} says: excluded paths (and hard links to them), and, when asked, devices
 * and FIFOs with a warning. At the end the blobs are synced once and the directories put as one
 * closure.
 */
final class TarImport {

    private static final Logger LOG = LoggerFactory.getLogger(TarImport.class);
    private static final int BUFFER = 1 << 20;

    private final BlobService blobs;
    private final DirectoryService directories;
    private final ArchiveTree tree = new ArchiveTree();
    private final byte[] buffer = new byte[BUFFER];
    private final ArchiveEntries entries;
    private final EntryChoices choices;

    TarImport(BlobService blobs, DirectoryService directories, ArchiveEntries entries) {
        this.blobs = blobs;
        this.directories = directories;
        this.entries = entries;
        this.choices = new EntryChoices(entries);
    }

    DirectoryNode run(InputStream decompressed) throws IOException {
        int entries = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
                SmallFiles small = blobs.callsInFlight() > 0 ? new SmallFiles(blobs, this.entries.stored()) : null) {
            TarArchiveEntry entry;
            while ((entry = next(tar)) != null) {
                add(tar, entry, small);
                entries++;
            }
            if (small != null) {
                small.awaitAll();
            }
        }
        List<Directory> leavesFirst = new ArrayList<>();
        DirectoryNode root = tree.build(leavesFirst);
        blobs.sync();
        DirectoryPutter.putClosure(directories, leavesFirst, root.digest());
        LOG.debug("imported {} archive entries, {} directories, root {}", entries, leavesFirst.size(), root.digest().toHex());
        return root;
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidRequestException("not a tar archive, or a damaged one: " + e.getMessage(), e);
        }
    }

    /** Adds one entry to the tree; its file written through {@code small} when not null, else here. */
    private void add(TarArchiveInputStream tar, TarArchiveEntry entry, SmallFiles small) throws IOException {
        EntryPath path = EntryPath.parse(entry.getName());
        if (choices.excluded(path)) {
            return; // its contents, if any, are skipped by the next getNextEntry
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            String kind = entry.isFIFO() ? "FIFO" : entry.isBlockDevice() ? "block device" : "character device";
            if (entries.skipSpecial()) {
                entries.warnings().accept("skipped archive entry '" + path + "': a " + kind);
                tree.directory(path.parent()); // as extracting it and deleting the special file leaves
                return;
            }
            throw new InvalidRequestException("archive entry '" + path + "': a " + kind
                    + "; castore stores only regular files, directories and symlinks");
        }
        if (entry.isDirectory()) {
            tree.directory(path);
        } else if (entry.isSymbolicLink()) {
            tree.leaf(path, CompletableFuture.completedFuture(new SymlinkNode(target(entry, path))));
        } else if (entry.isLink()) {
            hardLink(path, EntryPath.parse(entry.getLinkName()));
        } else if (entry.isFile()) {
            boolean executable = (entry.getMode() & 0100) != 0;
            long size = entry.getRealSize();
            tree.leaf(path, small != null && size <= SmallFiles.SMALL ? smallFile(tar, entry, (int) size, executable, small)
                    : CompletableFuture.completedFuture(file(tar, entry, executable)));
        } else {
            throw new InvalidRequestException("archive entry '" + path + "': of tar type '" + (char) entry.getLinkFlag()
                    + "', which castore cannot store (only regular files, directories, symlinks and hard links)");
        }
    }

    private void hardLink(EntryPath path, EntryPath target) throws InvalidRequestException {
        if (choices.excluded(target)) {
            entries.warnings().accept("skipped archive entry '" + path + "': a hard link to '" + target
                    + "', which is excluded");
            return;
        }
        tree.leaf(path, tree.leafAt(target, path));
    }

    private static SymlinkTarget target(TarArchiveEntry entry, EntryPath path) throws InvalidRequestException {
        try {
            return SymlinkTarget.of(entry.getLinkName().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("archive entry '" + path + "': its symlink target: " + e.getMessage(), e);
        }
    }

    /** Reads a file of at most {@link SmallFiles#SMALL} bytes whole and hands it to {@code small}. */
    private Future<FileNode> smallFile(TarArchiveInputStream tar, TarArchiveEntry entry, int size, boolean executable,
            SmallFiles small) throws IOException {
        byte[] contents = new byte[size];
        int length = 0;
        int n;
        while (length < size && (n = read(tar, entry, contents, length, size - length)) > 0) {
            length += n;
        }
        return small.write(contents, length, executable);
    }

    private FileNode file(TarArchiveInputStream tar, TarArchiveEntry entry, boolean executable) throws IOException {
        long size = 0;
        try (BlobWriter writer = blobs.openWriter(Durability.ON_SYNC)) {
            writer.expect(entry.getRealSize());
            int n;
            while ((n = read(tar, entry, buffer, 0, buffer.length)) > 0) {
                writer.write(buffer, 0, n);
                size += n;
            }
            B3Digest digest = writer.commit();
            entries.stored().accept(size);
            return new FileNode(digest, size, executable);
        }
    }

    private static int read(InputStream tar, TarArchiveEntry entry, byte[] into, int offset, int length) throws IOException {
        try {
            return tar.read(into, offset, length);
        } catch (IOException e) {
            if (e instanceof InvalidRequestException) {
                throw e;
            }
            throw new InvalidRequestException("archive entry '" + EscapedText.of(entry.getName())
                    + "': reading it failed: " + e.getMessage(), e);
        }
    }
}
