package dev.castore.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.model.FileNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A file's bytes as a response: {@code ETag} (the blob digest, a strong validator: the bytes
 * cannot change under it), {@code If-None-Match}, one {@code Range} (with {@code If-Range}), and
 * {@code Content-Length} always. The bytes stream from the blob reader, verified as they are read;
 * when a read fails half-way the connection is cut, so a client never takes a short or corrupt
 * body for the file.
 */
final class FileResponse {

    private static final int BUFFER = 1 << 18;

    private FileResponse() {}

    static void send(HttpExchange exchange, FileNode file, String name, BlobService blobs) throws IOException {
        String etag = "\"" + file.digest().toHex() + "\"";
        Headers h = exchange.getResponseHeaders();
        h.set("ETag", etag);
        h.set("Accept-Ranges", "bytes");
        h.set("Content-Type", MediaTypes.of(name));
        h.set("X-Content-Type-Options", "nosniff");
        Headers request = exchange.getRequestHeaders();
        if (Conditions.notModified(request, etag)) {
            Responses.empty(exchange, 304);
            return;
        }
        String ifRange = request.getFirst("If-Range");
        Optional<String> range = ifRange == null || ifRange.strip().equals(etag)
                ? Optional.ofNullable(request.getFirst("Range")) : Optional.empty();
        long size = file.size();
        switch (ByteRange.parse(range, size)) {
            case ByteRange.Unsatisfiable u -> {
                h.set("Content-Range", "bytes */" + size);
                Responses.empty(exchange, 416);
            }
            case ByteRange.Whole w -> body(exchange, 200, file, 0, size, blobs);
            case ByteRange.Part p -> {
                h.set("Content-Range", "bytes " + p.range().first() + "-" + p.range().last() + "/" + size);
                body(exchange, 206, file, p.range().first(), p.range().length(), blobs);
            }
        }
    }

    private static void body(HttpExchange exchange, int status, FileNode file, long offset, long length, BlobService blobs)
            throws IOException {
        if (length == 0) {
            Responses.fixedLength(exchange, status, 0);
            return;
        }
        BlobReader reader = blobs.open(file.digest()).orElseThrow(
                () -> new StorageException("blob " + file.digest().toHex() + " is not stored"));
        try (InputStream in = reader.position(offset).inputStream()) {
            if (!Responses.fixedLength(exchange, status, length)) {
                return; // HEAD
            }
            OutputStream out = exchange.getResponseBody();
            byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new StorageException("blob " + file.digest().toHex() + " ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
        }
    }
}
