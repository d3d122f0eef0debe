package dev.castore.store.grpc.client;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.store.grpc.wire.NativeErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * Turns a failed call into the api's exceptions, the mirror image of the server's mapping:
 * INVALID_ARGUMENT is the caller's fault ({@link InvalidRequestException}); everything else is the
 * remote store or the connection failing ({@link StorageException}). NOT_FOUND is handled by the
 * callers, for whom it means "absent".
 */
final class RemoteErrors {

    private RemoteErrors() {}

    static IOException toIOException(Throwable t, String target, String what) {
        if (t instanceof IOException io) {
            return io;
        }
        Status status = Status.fromThrowable(t);
        String message = what + " at " + target + " failed: " + (refused(status)
                ? "connection refused: is `castore daemon` running at " + address(target) + "?"
                : noSocket(status, target)
                ? "no socket at " + address(target) + ": is `castore daemon` running there? (it makes the socket"
                        + " when it starts listening)"
                : lost(status)
                ? "the connection to " + address(target) + " broke during the call (the server stopped or"
                        + " crashed, or something between cut it): " + describe(status)
                : describe(status));
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new InvalidRequestException(message, t);
            case CANCELLED -> Thread.currentThread().isInterrupted()
                    ? (IOException) new InterruptedIOException(message).initCause(t)
                    : new StorageException(message, t);
            default -> new StorageException(message, t);
        };
    }

    /**
     * The status in one line: its code, the first line of its description (grpc-java appends the
     * channel pipeline to transport errors on a second), and what caused it when the description
     * does not say (a refused connection, a failed TLS handshake).
     */
    static String describe(Status status) {
        String description = status.getDescription() == null ? ""
                : status.getDescription().lines().findFirst().orElse("").strip();
        Optional<Throwable> tls = causes(status.getCause()).filter(c -> c instanceof SSLException).findFirst();
        if (tls.isPresent()) {
            return status.getCode() + ": TLS handshake failed: " + innermostMessage(tls.get())
                    + " (the server's certificate must be valid for the host and signed by a CA the client trusts:"
                    + " the JDK's, or the one in tls-ca-file)";
        }
        String cause = status.getCause() == null ? "" : innermostMessage(status.getCause());
        return status.getCode() + (description.isEmpty() ? "" : ": " + description)
                + (cause.isEmpty() || description.contains(cause) ? "" : " (" + cause + ")");
    }

    /** Whether nothing listens where the call went: the server is not running, or runs elsewhere. */
    private static boolean refused(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE && causes(status.getCause())
                .anyMatch(c -> c instanceof ConnectException || c.getMessage() != null && c.getMessage().contains("Connection refused"));
    }

    /** Whether a Unix socket's path names nothing: netty's native transport says ENOENT so. */
    private static boolean noSocket(Status status, String target) {
        return status.getCode() == Status.Code.UNAVAILABLE && target.startsWith("grpc+unix:")
                && causes(status.getCause()).anyMatch(c -> c instanceof FileNotFoundException);
    }

    /**
     * Whether the connection went away under the call (a daemon killed, a proxy cutting it): the
     * peer reset it, or the transport saw it close with no error to say why. The same reset
     * reaches grpc-java either way, depending on which the event loop notices first.
     */
    private static boolean lost(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE
                && (String.valueOf(status.getDescription()).startsWith("Network closed for unknown reason")
                        || causes(status.getCause()).anyMatch(RemoteErrors::reset));
    }

    /**
     * Whether {@code c} is the peer's reset: netty's native transport says so by the error's
     * number, its message being the C library's words in the user's locale; the JDK's transport
     * in English.
     */
    private static boolean reset(Throwable c) {
        return NativeErrors.errno(c) == NativeErrors.ECONNRESET
                || c.getMessage() != null && c.getMessage().contains("Connection reset by peer");
    }

    /** HOST:PORT of a grpc+http(s) target, the socket path of a grpc+unix one. */
    private static String address(String target) {
        String rest = target.substring(target.indexOf("://") + 3);
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        return rest.endsWith("/") && rest.length() > 1 ? rest.substring(0, rest.length() - 1) : rest;
    }

    private static Stream<Throwable> causes(Throwable t) {
        return Stream.iterate(t, c -> c != null, c -> c.getCause() == c ? null : c.getCause());
    }

    /** The message of the deepest cause that has one, on one line. */
    private static String innermostMessage(Throwable t) {
        String message = "";
        for (Throwable c : causes(t).toList()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message.lines().findFirst().orElse("").strip();
    }

    static boolean isNotFound(Throwable t) {
        return t instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.NOT_FOUND;
    }
}
