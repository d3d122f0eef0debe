package dev.castore.cli.export;

import dev.castore.api.model.EscapedText;
import dev.castore.cli.CliException;
import dev.castore.cli.RawNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where an export goes: the entry DEST in its parent directory. Everything is first written into
 * a staging directory next to DEST ({@code .castore-export-<random>}, mode 0700), and becomes
 * DEST in one rename at {@link #commit}; so DEST is either absent (or, with {@code force}, what it
 * was) or complete, never half-written. Closing removes the staging directory with whatever is
 * left in it: a failed export's partial tree, or the DEST that {@code force} replaced.
 *
 * <p>The parent is opened once, following the path the user gave; from then on every call is
 * relative to it or to the staging directory, by name and without following symlinks. A process
 * that replaces entries in the parent meanwhile can make the export fail, but not write outside
 * DEST.
 */
final class Destination implements AutoCloseable {

    private static final int STAGING_MODE = 0700;
    private static final byte[] REPLACED = "replaced".getBytes(StandardCharsets.US_ASCII);

    private final DirectoryHandle parent;
    private final byte[] name;
    private final String display;
    private final boolean force;
    private final boolean renameFlags;
    private final byte[] stagingName;
    private final DirectoryHandle staging;
    private boolean committed;

    private Destination(DirectoryHandle parent, byte[] name, String display, boolean force, boolean renameFlags,
            byte[] stagingName, DirectoryHandle staging) {
        this.parent = parent;
        this.name = name;
        this.display = display;
        this.force = force;
        this.renameFlags = renameFlags;
        this.stagingName = stagingName;
        this.staging = staging;
    }

    /**
     * Opens the parent of {@code dest} and creates the staging directory in it. Without
     * {@code force}, fails at once when something is at DEST already.
     *
     * @param renameFlags whether to use {@code renameat2}'s flags (false: plain renames, as on file
     *     systems without them)
     */
    static Destination open(Path dest, boolean force, boolean renameFlags) throws IOException {
        Path fileName = dest.getFileName();
        String display = EscapedText.of(RawNames.bytes(dest));
        if (fileName == null || fileName.toString().equals(".") || fileName.toString().equals("..")) {
            throw new CliException(CliException.USAGE, "'" + display + "' does not name an entry of a directory;"
                    + " DEST must be a path such as out or ../exports/tree");
        }
        byte[] name = RawNames.bytes(fileName);
        DirectoryHandle parent = DirectoryHandle.open(dest.getParent() == null ? Path.of(".") : dest.getParent());
        try {
            if (!force && parent.contains(name)) {
                throw new FileAlreadyExistsException(display);
            }
            byte[] stagingName = createStaging(parent);
            DirectoryHandle staging = parent.openDirectory(stagingName, () -> parent.path(stagingName));
            return new Destination(parent, name, display, force, renameFlags, stagingName, staging);
        } catch (IOException | RuntimeException e) {
            parent.close();
            throw e;
        }
    }

    private static byte[] createStaging(DirectoryHandle parent) throws IOException {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] suffix = new byte[8];
            random.nextBytes(suffix);
            byte[] candidate = (".castore-export-" + HexFormat.of().formatHex(suffix)).getBytes(StandardCharsets.US_ASCII);
            try {
                parent.makeDirectory(candidate, STAGING_MODE, () -> parent.path(candidate));
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                // Another export (or anyone) has this name: draw another.
            }
        }
    }

    /** The directory to build the tree in. */
    DirectoryHandle staging() {
        return staging;
    }

    /** DEST as the user gave it, escaped, for messages. */
    String display() {
        return display;
    }

    /**
     * Moves the staged entry {@code staged} to DEST: only if DEST is free, or with force in its
     * place. The tree is made durable first (one {@code syncfs} of the file system, which flushes
     * every file and directory written, however many), and the rename after it (an {@code fsync}
     * of DEST's parent): an export that completed survives a crash whole, and a crash before the
     * rename leaves DEST as it was.
     */
    void commit(byte[] staged) throws IOException {
        staging.syncFileSystem();
        int r = renameFlags ? staging.rename(staged, parent, name, Libc.RENAME_NOREPLACE) : Libc.EINVAL;
        if (r == Libc.EEXIST && !force) {
            throw new FileAlreadyExistsException(display);
        }
        if (r == Libc.EEXIST) {
            // One step: DEST is the new tree, and the old one is in staging, removed on close.
            r = staging.rename(staged, parent, name, Libc.RENAME_EXCHANGE);
        }
        if (r == Libc.EINVAL) {
            r = commitWithPlainRenames(staged);
        }
        if (r != 0) {
            throw DirectoryHandle.failure(r, display);
        }
        committed = true;
        parent.sync();
    }

    /**
     * For file systems without {@code renameat2}'s flags (some network and FUSE file systems):
     * check, move an old DEST aside (with force) and rename. Between the check and the rename
     * another process may create DEST; the rename then replaces it only if it is an empty
     * directory or a file.
     */
    private int commitWithPlainRenames(byte[] staged) throws IOException {
        if (parent.contains(name)) {
            if (!force) {
                throw new FileAlreadyExistsException(display);
            }
            int aside = parent.rename(name, staging, REPLACED, 0);
            if (aside != 0) {
                return aside;
            }
        }
        return staging.rename(staged, parent, name, 0);
    }

    /**
     * Removes the staging directory and all in it, and closes the handles. After a commit what is
     * left there is the DEST that force replaced, if any; failing to remove it is an error that
     * says DEST is complete.
     */
    @Override
    public void close() throws IOException {
        try (parent; staging) {
            TreeRemoval.removeContents(staging);
            parent.removeEmptyDirectory(stagingName);
        } catch (IOException e) {
            if (!committed) {
                throw e;
            }
            throw new IOException(display + " is complete, but removing the staging directory failed: "
                    + e.getMessage(), e);
        }
    }
}
