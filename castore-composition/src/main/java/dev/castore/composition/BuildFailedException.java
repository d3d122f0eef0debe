package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The build of an instance failed; the cause says why. Later requests for it get this same failure. */
public class BuildFailedException extends CompositionException {
    public BuildFailedException(ServiceKind<?> kind, String name, Throwable cause) {
        super("instantiation of " + kind + " service '" + name + "' failed: " + describe(cause), cause);
    }

    /**
     * What went wrong, in words: the JDK's file system exceptions often carry only the path
     * (a store directory that cannot be made reads {@code /root/store}), their type says the rest.
     */
    static String describe(Throwable cause) {
        if (cause instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            String what = switch (f) {
                case NoSuchFileException n -> "no such file or directory";
                case AccessDeniedException a -> "permission denied";
                case FileAlreadyExistsException e -> "already exists";
                case NotDirectoryException d -> "not a directory";
                case DirectoryNotEmptyException d -> "directory not empty";
                default -> "file system error";
            };
            return f.getMessage() + ": " + what;
        }
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
