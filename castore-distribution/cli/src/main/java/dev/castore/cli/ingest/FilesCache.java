package dev.castore.cli.ingest;

import dev.castore.api.digest.B3Digest;
import dev.castore.cli.RawNames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files cache of an import, as restic's parent snapshot and borg's files cache: for each path
 * imported before, the {@link FileIdentity} it had and the digest of its contents, so that a file
 * whose identity has not changed is not read again. One cache file per target store. An entry
 * only saves reading: the importer still checks that the store has the blob.
 *
 * <p>{@link #save()} keeps the entries looked up or recorded in this import (paths that are gone
 * are dropped) and replaces the file atomically; a damaged or foreign file is ignored (the import
 * reads everything, as the first time). Thread-safe.
 */
public final class FilesCache {

    private static final Logger LOG = LoggerFactory.getLogger(FilesCache.class);
    private static final int MAGIC = 0x43534643; // "CSFC"
    private static final int VERSION = 1;

    private record Entry(FileIdentity identity, B3Digest digest) {}

    private final Optional<Path> file;
    private final Map<String, Entry> previous;
    private final Map<String, Entry> current = new ConcurrentHashMap<>();
    private final long startNanos;

    private FilesCache(Optional<Path> file, Map<String, Entry> previous, long startNanos) {
        this.file = file;
        this.previous = previous;
        this.startNanos = startNanos;
    }

    /** A cache that knows nothing and keeps nothing. */
    public static FilesCache none() {
        return new FilesCache(Optional.empty(), Map.of(), 0);
    }

    /** The cache kept in {@code file}; an import starting now. */
    public static FilesCache open(Path file) {
        java.time.Instant now = java.time.Instant.now();
        return open(file, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    /** The cache kept in {@code file}, for an import that started at {@code startNanos} (epoch nanoseconds). */
    static FilesCache open(Path file, long startNanos) {
        return new FilesCache(Optional.of(file), read(file), startNanos);
    }

    /** The digest recorded for {@code path} if its identity is unchanged. */
    public Optional<B3Digest> lookup(Path path, FileIdentity identity) {
        String key = key(path);
        Entry e = previous.get(key);
        if (e == null || !e.identity().equals(identity)) {
            return Optional.empty();
        }
        current.put(key, e);
        return Optional.of(e.digest());
    }

    /** Remembers the digest read from {@code path}, unless the file changed too recently to be sure. */
    public void record(Path path, FileIdentity identity, B3Digest digest) {
        if (file.isPresent() && identity.settledBefore(startNanos)) {
            current.put(key(path), new Entry(identity, digest));
        }
    }

    /** The path's raw bytes (names need not be UTF-8), one char per byte. */
    private static String key(Path path) {
        return new String(RawNames.bytes(path.toAbsolutePath().normalize()), StandardCharsets.ISO_8859_1);
    }

    /** Writes this import's entries, replacing the file atomically. */
    public void save() throws IOException {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(current.size());
                for (Map.Entry<String, Entry> e : current.entrySet()) {
                    out.writeUTF(e.getKey());
                    FileIdentity id = e.getValue().identity();
                    out.writeLong(id.size());
                    out.writeLong(id.mtimeNanos());
                    out.writeLong(id.ctimeNanos());
                    out.writeLong(id.inode());
                    out.writeLong(id.device());
                    out.write(e.getValue().digest().toBytes());
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map<String, Entry> read(Path file) {
        Map<String, Entry> entries = new ConcurrentHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                LOG.debug("{}: not a files cache of this version; ignored", file);
                return Map.of();
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String path = in.readUTF();
                FileIdentity id = new FileIdentity(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
                entries.put(path, new Entry(id, B3Digest.of(in.readNBytes(B3Digest.LENGTH))));
            }
            return entries;
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (EOFException | IllegalArgumentException e) {
            LOG.debug("{}: truncated or damaged files cache; ignored", file);
            return Map.of();
        } catch (IOException e) {
            LOG.debug("{}: cannot read the files cache ({}); ignored", file, e.getMessage());
            return Map.of();
        }
    }
}
