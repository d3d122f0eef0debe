package dev.castore.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.EscapedText;
import dev.castore.api.model.PathComponent;
import dev.castore.api.spi.FailureLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GET and HEAD on stored trees: the tree of the {@code root} option at {@code /}, or
 * without one, any directory at {@code /DIGEST/}. A directory is its index file when it holds one,
 * else a listing (JSON when the request accepts {@code application/json}, HTML otherwise); a
 * directory asked for without its final {@code /} is redirected to it, so relative links resolve.
 */
final class TreeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TreeHandler.class);

    private final HttpOptions options;
    private final BlobService blobs;
    private final DirectoryReader directories;
    /** A failing store (a backend out of reach) fails every request: a line now and then, not one each. */
    private final FailureLog failures = new FailureLog(LOG::warn, LOG::debug);

    TreeHandler(HttpOptions options, BlobService blobs, DirectoryReader directories) {
        this.options = options;
        this.blobs = blobs;
        this.directories = directories;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: it would close the exchange before the catch could answer 500.
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.text(exchange, 405, "text/plain; charset=utf-8", "read-only: GET and HEAD only\n");
                return;
            }
            serve(exchange);
        } catch (IOException | RuntimeException e) {
            // Headers may be out already; the exchange is closed short, which the client sees as a cut body.
            failures.failed(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(), e);
            if (exchange.getResponseCode() == -1) {
                Responses.text(exchange, 500, "text/plain; charset=utf-8", "store error: " + e.getMessage() + "\n");
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<byte[]> decoded = Paths.decode(rawPath);
        if (decoded.isEmpty() || decoded.get().length == 0 || decoded.get()[0] != '/') {
            notFound(exchange, 400, "malformed path");
            return;
        }
        List<byte[]> path = new ArrayList<>(TreeLookup.split(decoded.get()));
        path.removeFirst(); // before the leading '/'
        B3Digest root;
        if (options.root().isPresent()) {
            root = options.root().get();
        } else {
            Optional<B3Digest> first = digest(path.removeFirst());
            if (first.isEmpty()) {
                notFound(exchange, 404, "ask for /DIGEST/ (a directory digest in hex) and a path in its tree");
                return;
            }
            root = first.get();
        }
        boolean slash = rawPath.endsWith("/");
        switch (TreeLookup.resolve(directories, root, path)) {
            case TreeLookup.Missing m -> notFound(exchange, 404, m.reason());
            case TreeLookup.File f -> FileResponse.send(exchange, f.file(), name(path), blobs);
            case TreeLookup.Dir d when !slash -> {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", rawPath + "/" + (query == null ? "" : "?" + query));
                Responses.empty(exchange, 301);
            }
            case TreeLookup.Dir d -> directory(exchange, root, path, d.directory(), decoded.get());
        }
    }

    private void directory(HttpExchange exchange, B3Digest root, List<byte[]> path, Directory dir, byte[] shown)
            throws IOException {
        if (options.index().isPresent() && dir.get(options.index().get()).isPresent()) {
            List<byte[]> index = new ArrayList<>(path);
            index.add(options.index().get().toBytes());
            if (TreeLookup.resolve(directories, root, index) instanceof TreeLookup.File f) {
                FileResponse.send(exchange, f.file(), options.index().get().toString(), blobs);
                return;
            }
        }
        String accept = String.join(",", exchange.getRequestHeaders().getOrDefault("Accept", List.of()));
        boolean json = accept.contains("application/json");
        String etag = "\"" + dir.digest().toHex() + (json ? "-json" : "-html") + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Vary", "Accept");
        if (Conditions.notModified(exchange.getRequestHeaders(), etag)) {
            Responses.empty(exchange, 304);
            return;
        }
        String display = EscapedText.of(shown);
        if (json) {
            Responses.text(exchange, 200, "application/json", Listing.json(display, dir));
        } else {
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            Responses.text(exchange, 200, "text/html; charset=utf-8", Listing.html(display, dir));
        }
    }

    private static void notFound(HttpExchange exchange, int status, String reason) throws IOException {
        Responses.text(exchange, status, "text/plain; charset=utf-8", reason + "\n");
    }

    private static Optional<B3Digest> digest(byte[] segment) {
        try {
            return Optional.of(B3Digest.parse(new String(segment, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The last name of the path, for the media type. */
    private static String name(List<byte[]> path) {
        return path.isEmpty() ? "" : new String(path.getLast(), StandardCharsets.UTF_8);
    }
}
