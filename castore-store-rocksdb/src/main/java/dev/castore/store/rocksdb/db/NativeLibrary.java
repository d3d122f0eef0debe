package dev.castore.store.rocksdb.db;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's native library. The image's plugin directory carries it unpacked next to the
 * jars and it is loaded from there; elsewhere (tests, a plain class path) RocksDB unpacks it from
 * its jar into a temporary file, which it deletes at exit. Loading from the plugin directory
 * matters for a killed process: it leaves no 15 MB library behind in the temporary directory.
 */
final class NativeLibrary {

    private static boolean loaded;

    private NativeLibrary() {}

    /**
     * Starts loading the library on a daemon thread: about 0.02 s of mapping and relocating a
     * 15 MB library that the first open then need not wait for. A failure is left for that open
     * to report, which loads again.
     */
    static void loadAhead() {
        Thread.ofPlatform().daemon().name("rocksdb-library").start(() -> {
            try {
                load();
            } catch (RuntimeException | LinkageError e) {
                // load() throws the same at the first open.
            }
        });
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        Optional<Path> dir = besideThisJar();
        // The file name RocksDB.loadLibrary(paths) looks for: its JNI name of "rocksdbjni".
        if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(Environment.getJniLibraryFileName("rocksdbjni")))) {
            RocksDB.loadLibrary(List.of(dir.get().toString()));
        } else {
            RocksDB.loadLibrary();
        }
        loaded = true;
    }

    private static Optional<Path> besideThisJar() {
        try {
            var source = NativeLibrary.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.ofNullable(location.getParent()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
