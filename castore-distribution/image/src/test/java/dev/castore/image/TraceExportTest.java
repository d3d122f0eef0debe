package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code castore import} through a daemon, both exporting traces by OTLP (the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}) to a collector on loopback: the command's span, the client
 * calls of its upload threads and the daemon's server spans are one trace.
 */
class TraceExportTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (grpc\\+http://127\\.0\\.0\\.1:\\d+)");

    /** A span as OTLP sends it: trace id (hex), name, kind (2 server, 3 client). */
    record ExportedSpan(String traceId, String name, long kind) {}

    @Test
    void anImportThroughADaemonIsOneTrace(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/d"));
        Files.writeString(tmp.resolve("tree/a"), "one\n");
        Files.writeString(tree.resolve("b"), "two\n");
        Files.writeString(tree.resolve("c"), "three\n");
        Queue<byte[]> bodies = new ConcurrentLinkedQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                    "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            Process daemon = Image.command(env, "daemon", "--store", "memory://", "--listen", "127.0.0.1:0")
                    .redirectErrorStream(true).start();
            try {
                String grpc = find(new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)));
                Map<String, String> client = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                        "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "CASTORE_STORE", grpc);
                Image.Result imported = Image.run(client, "import", "--no-progress", tmp.resolve("tree").toString());
                assertEquals(0, imported.code(), imported.err());
            } finally {
                daemon.destroy(); // a clean stop flushes the daemon's spans
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
            }
        } finally {
            collector.stop(0);
        }
        List<ExportedSpan> spans = new ArrayList<>();
        bodies.forEach(b -> spans.addAll(spans(b)));
        List<ExportedSpan> command = spans.stream().filter(s -> s.name().equals("castore import")).toList();
        assertEquals(1, command.size(), spans.toString());
        assertEquals(Set.of(command.getFirst().traceId()), spans.stream().map(ExportedSpan::traceId).collect(Collectors.toSet()),
                "one trace: " + spans);
        for (long kind : new long[] {2, 3}) {
            assertEquals(3, spans.stream().filter(s -> s.name().equals("snix.castore.v1.BlobService/Put") && s.kind() == kind)
                    .count(), "a put per file, kind " + kind + ": " + spans);
        }
        assertEquals(2, spans.stream().filter(s -> s.name().equals("snix.castore.v1.DirectoryService/Put")).count(),
                "the closure put, client and server: " + spans);
    }

    private static String find(BufferedReader log) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the daemon ended without logging where it listens");
    }

    /**
     * The spans of an OTLP {@code ExportTraceServiceRequest}: resource_spans (1) > scope_spans (2)
     * > spans (2) with trace_id (1), name (5) and kind (6).
     */
    static List<ExportedSpan> spans(byte[] request) {
        List<ExportedSpan> out = new ArrayList<>();
        for (Field resource : Field.read(request, 0, request.length)) {
            if (resource.number() != 1) {
                continue;
            }
            for (Field scope : resource.children(request)) {
                if (scope.number() != 2) {
                    continue;
                }
                for (Field span : scope.children(request)) {
                    if (span.number() == 2) {
                        out.add(span(request, span));
                    }
                }
            }
        }
        return out;
    }

    private static ExportedSpan span(byte[] b, Field span) {
        String trace = "";
        String name = "";
        long kind = 0;
        for (Field f : span.children(b)) {
            switch (f.number()) {
                case 1 -> trace = HexFormat.of().formatHex(b, f.start(), f.end());
                case 5 -> name = new String(b, f.start(), f.end() - f.start(), StandardCharsets.UTF_8);
                case 6 -> kind = f.value();
                default -> { }
            }
        }
        return new ExportedSpan(trace, name, kind);
    }

    /** One protobuf field: a varint's value, or a length-delimited field's bounds. */
    record Field(int number, long value, int start, int end) {

        List<Field> children(byte[] b) {
            return read(b, start, end);
        }

        static List<Field> read(byte[] b, int from, int to) {
            List<Field> fields = new ArrayList<>();
            int[] pos = {from};
            while (pos[0] < to) {
                long tag = varint(b, pos);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(b, pos), 0, 0));
                    case 1 -> pos[0] += 8;
                    case 2 -> {
                        int length = (int) varint(b, pos);
                        fields.add(new Field(number, 0, pos[0], pos[0] + length));
                        pos[0] += length;
                    }
                    case 5 -> pos[0] += 4;
                    default -> throw new AssertionError("wire type " + (tag & 7) + " in an OTLP request");
                }
            }
            return fields;
        }

        private static long varint(byte[] b, int[] pos) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos[0]++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }
    }
}
