package dev.castore.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names and symlink targets as the raw bytes the file system holds. Names on Linux are byte
 * strings, not necessarily UTF-8; a digest covers those bytes, so decoding them to text and back
 * would change it. The JDK's Unix paths keep the bytes; with {@code --add-opens
 * java.base/sun.nio.fs=dev.castore.cli} (the launcher passes it) they are read and written as
 * they are. Without it, names are their UTF-8 text, and a name that is not valid UTF-8 is an error.
 */
public final class RawNames {

    private static final MethodHandle AS_BYTES;
    private static final MethodHandle RESOLVE;

    static {
        MethodHandle asBytes = null;
        MethodHandle resolve = null;
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(unixPath, MethodHandles.lookup());
            asBytes = lookup.findVirtual(unixPath, "asByteArray", MethodType.methodType(byte[].class))
                    .asType(MethodType.methodType(byte[].class, Path.class));
            resolve = lookup.findVirtual(unixPath, "resolve", MethodType.methodType(unixPath, byte[].class))
                    .asType(MethodType.methodType(Path.class, Path.class, byte[].class));
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException | IllegalArgumentException e) {
            // Not a Unix JDK, or the package is not opened: fall back to UTF-8 text.
        }
        AS_BYTES = asBytes;
        RESOLVE = resolve;
    }

    private RawNames() {}

    /** Whether names are handled as raw bytes (true) or as UTF-8 text (false). */
    public static boolean raw() {
        return AS_BYTES != null;
    }

    /** The bytes of {@code path} (a file name or a symlink target) as the file system has them. */
    public static byte[] bytes(Path path) {
        if (AS_BYTES != null && path.getClass().getName().equals("sun.nio.fs.UnixPath")) {
            try {
                return ((byte[]) AS_BYTES.invokeExact(path)).clone();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read the bytes of a path", e);
            }
        }
        String s = path.toString();
        if (s.indexOf('\uFFFD') >= 0) {
            throw new CliException(CliException.FAILED, "the name '" + s + "' is not valid UTF-8 and cannot be read"
                    + " exactly; run castore through its launcher (it opens java.base/sun.nio.fs)");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code dir} resolved against the relative path with these bytes. */
    public static Path resolve(Path dir, byte[] name) {
        if (RESOLVE != null && dir.getClass().getName().equals("sun.nio.fs.UnixPath")) {
            try {
                return (Path) RESOLVE.invokeExact(dir, name.clone());
            } catch (Throwable e) {
                throw new IllegalStateException("cannot build a path from bytes", e);
            }
        }
        String s = new String(name, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), name)) {
            throw new CliException(CliException.FAILED, "the stored name '" + s + "' is not valid UTF-8 and cannot be"
                    + " written exactly; run castore through its launcher (it opens java.base/sun.nio.fs)");
        }
        return dir.resolve(s);
    }

    /** A path with these bytes (absolute or relative), for symlink targets. */
    public static Path path(Path anyOnFileSystem, byte[] bytes) {
        Path empty = anyOnFileSystem.getFileSystem().getPath("");
        return resolve(empty, bytes);
    }
}
