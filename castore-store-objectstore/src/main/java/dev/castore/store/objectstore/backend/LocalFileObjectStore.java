package dev.castore.store.objectstore.backend;

import dev.castore.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Objects as files below a root directory, one file per key ({@code root/blobs/b3/...}), the
 * layout of the Rust object_store's local file system. A put writes a temporary file next to
 * the target, forces it to disk and renames it into place, so a crash never leaves a partial
 * object under its key. Temporary names start with {@code .} and are skipped by {@link #list}.
 */
public final class LocalFileObjectStore implements ObjectStore {

    private final Path root;

    public LocalFileObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.isEmpty()) {
            throw new IllegalArgumentException("object key '" + key + "' leaves the store root " + root);
        }
        return p;
    }

    @Override
    public Optional<Long> head(String key) throws IOException {
        Path p = resolve(key);
        try {
            return Optional.of(Files.size(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot stat " + p + ": " + e, e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        Path p = resolve(key);
        try {
            return Optional.of(Files.newInputStream(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot open " + p + ": " + e, e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        Path target = resolve(key);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                out.write(data);
            }
            moveIntoPlace(tmp, target);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new StorageException("cannot write " + target + ": " + e, e);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        } catch (FileAlreadyExistsException e) {
            // Some platforms refuse to replace; the object is content-addressed, so the existing one is equal.
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path p = resolve(key);
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new StorageException("cannot delete " + p + ": " + e, e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") && key.startsWith(prefix)) {
                    out.add(key);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + e, e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }
}
