package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.spi.ServiceKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed build's message says what went wrong, also where the JDK gave only a path. */
class BuildFailedExceptionTest {

    @TempDir
    Path dir;

    @Test
    void aFileSystemFailureThatNamesOnlyThePathIsSaidInWords() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "text");
        FileAlreadyExistsException e = assertThrows(
                FileAlreadyExistsException.class, () -> Files.createDirectories(file));
        assertEquals("instantiation of blob service 'root' failed: already exists: " + file,
                new BuildFailedException(ServiceKind.BLOB, "root", e).getMessage());
        assertEquals("instantiation of directory service 'dirs' failed: permission denied: /root/store",
                new BuildFailedException(ServiceKind.DIRECTORY, "dirs", new AccessDeniedException("/root/store"))
                        .getMessage());
    }

    @Test
    void aMessageWithItsReasonIsKept() {
        assertEquals("instantiation of blob service 'root' failed: /x: Read-only file system",
                new BuildFailedException(ServiceKind.BLOB, "root",
                        new FileSystemException("/x", null, "Read-only file system")).getMessage());
        assertEquals("instantiation of blob service 'root' failed: bucket gone",
                new BuildFailedException(ServiceKind.BLOB, "root", new IOException("bucket gone")).getMessage());
        assertEquals("instantiation of blob service 'root' failed: IOException",
                new BuildFailedException(ServiceKind.BLOB, "root", new IOException()).getMessage());
    }
}
