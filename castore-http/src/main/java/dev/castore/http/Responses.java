package dev.castore.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Status lines and bodies the way the JDK server wants them, HEAD included. */
final class Responses {

    private Responses() {}

    /**
     * Sends the status and {@code Content-Length: length}; returns whether a body follows (not for
     * HEAD, which gets the same headers).
     */
    static boolean fixedLength(HttpExchange exchange, int status, long length) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return false;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        return length > 0;
    }

    /** A status without a body (304, 416, redirects). */
    static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** A text body of the given media type. */
    static void text(HttpExchange exchange, int status, String mediaType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", mediaType);
        if (fixedLength(exchange, status, bytes.length)) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
