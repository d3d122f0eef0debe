package dev.castore.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the registry's metrics in the Prometheus text format at {@code GET /metrics}, on the
 * JDK's HTTP server; anything else is 404 (405 for another method).
 */
final class MetricsEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code listen} ({@code HOST:PORT}, {@code [::1]:PORT}; port 0 picks a free one).
     *
     * @throws IllegalArgumentException when {@code listen} is not HOST:PORT
     * @throws IOException when the address cannot be bound, naming it
     */
    static MetricsEndpoint start(String listen, PrometheusMeterRegistry registry) throws IOException {
        InetSocketAddress address = parse(listen);
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + listen + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> respond(exchange, registry));
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    static InetSocketAddress parse(String listen) {
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : "";
        String port = colon > 0 ? listen.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("invalid metrics address '" + listen
                    + "': expected HOST:PORT, such as 127.0.0.1:9464 or [::1]:9464 (port 0 picks a free one)");
        }
        return new InetSocketAddress(host, Integer.parseInt(port));
    }

    private static void respond(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** {@code http://HOST:PORT/metrics}, with the port bound. */
    String url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getHostString().contains(":") ? "[" + bound.getHostString() + "]" : bound.getHostString();
        return "http://" + host + ":" + bound.getPort() + PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
