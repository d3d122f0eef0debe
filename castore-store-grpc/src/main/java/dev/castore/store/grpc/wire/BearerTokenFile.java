package dev.castore.store.grpc.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bearer token of a {@code token-file}: the file's text without surrounding white space. Both
 * the server (which demands it) and the client (which sends it) read it here, with one-line errors
 * that name the file.
 */
public final class BearerTokenFile {

    private BearerTokenFile() {}

    /**
     * The token in {@code file}.
     *
     * @throws IOException naming the file when it cannot be read or holds no token
     */
    public static String read(Path file) throws IOException {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the token file " + file + ": " + reason(e), e);
        }
        if (token.isEmpty()) {
            // An empty token would let every client in that sends "Bearer " and nothing else.
            throw new IOException("the token file " + file + " is empty; put the token in it");
        }
        return token;
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file";
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
