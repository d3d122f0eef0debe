package dev.castore.api;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure said in words for the one line a user reads. The JDK's file system exceptions often
 * carry only the path ({@code Files.createDirectories} that may not write says {@code /root/x}),
 * and their {@code toString} the class name; their type says the rest.
 */
public final class FileErrors {

    private FileErrors() {}

    /** {@code e} in words: {@code permission denied: /root/x}, or the message it has, or its type's name. */
    public static String inWords(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
            String what = switch (f) {
                case NoSuchFileException n -> "no such file or directory";
                case AccessDeniedException a -> "permission denied";
                case FileAlreadyExistsException x -> "already exists";
                case NotDirectoryException d -> "not a directory";
                case DirectoryNotEmptyException d -> "directory not empty";
                default -> "failed";
            };
            return what + ": " + f.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
