package dev.castore.store.objectstore.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/1.1 endpoint that answers every request with 200 and records it as it came
 * over the wire: request line, headers and the exact body bytes (after the HTTP framing, before
 * any S3 decoding). It shows what a server that takes bodies literally would store.
 */
final class WireRecorder implements AutoCloseable {

    /** One request as received. */
    record Request(String line, Map<String, String> headers, byte[] body) {}

    private final ServerSocket listener;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    WireRecorder() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("wire-recorder").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    List<Request> requests() {
        return requests;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                }
                byte[] body = "chunked".equalsIgnoreCase(headers.get("Transfer-Encoding")) ? chunked(in)
                        : in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
                requests.add(new Request(line, headers, body));
                out.write(("HTTP/1.1 200 OK\r\nETag: \"0\"\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim().toLowerCase(Locale.ROOT), 16);
            if (n == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
