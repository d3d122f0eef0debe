package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code castore daemon --metrics-listen} from the image (the observability plugin): after a tree
 * is imported through it and exported back, its /metrics counts the put and the read and their
 * bytes, per store instance and per gRPC method.
 */
class MetricsFlagTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (grpc\\+http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final String CONTENT = "seventeen bytes!\n";

    @Test
    void thePluginsCommandListsTheTelemetryProvider() throws Exception {
        Image.Result text = Image.run(Map.of(), "plugins");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().matches("(?s).*\ntelemetry:\n  dev\\.castore\\.observability \\S+  metrics .*"), text.out());
        Image.Result json = Image.run(Map.of(), "plugins", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"telemetry\":{\"module\":\"dev.castore.observability\""), json.out());
    }

    @Test
    void theDaemonsMetricsCountAnImportedAndExportedFile(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("file"), CONTENT);
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Process daemon = Image.command(env, "daemon", "--store", "memory://", "--listen", "127.0.0.1:0",
                "--metrics-listen", "127.0.0.1:0").redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
            String grpc = find(log, LISTENING);
            String metrics = find(log, METRICS);
            Map<String, String> client = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(), "CASTORE_STORE", grpc);
            Image.Result imported = Image.run(client, "import", "--name", "t", tree.toString());
            assertEquals(0, imported.code(), imported.err());
            Image.Result exported = Image.run(client, "export", "t", tmp.resolve("out").toString());
            assertEquals(0, exported.code(), exported.err());
            assertEquals(CONTENT, Files.readString(tmp.resolve("out/file")));

            String scrape = get(metrics);
            String blob = "instance=\"root\",kind=\"blob\"";
            assertEquals("1.0", sample(scrape, "castore_store_operations_total", blob, "operation=\"put\",outcome=\"ok\""), scrape);
            assertEquals("1", sample(scrape, "castore_store_latency_seconds_count", blob, "operation=\"put\",outcome=\"ok\""), scrape);
            assertEquals("17.0", sample(scrape, "castore_store_bytes_total", "direction=\"written\"," + blob), scrape);
            assertEquals("17.0", sample(scrape, "castore_store_bytes_total", "direction=\"read\"," + blob), scrape);
            assertEquals("1", sample(scrape, "castore_grpc_server_calls_seconds_count",
                    "method=\"snix.castore.v1.BlobService/Put\",status=\"OK\""), scrape);
            assertEquals("1", sample(scrape, "castore_grpc_server_calls_seconds_count",
                    "method=\"snix.castore.v1.DirectoryService/Put\",status=\"OK\""), scrape);
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
        }
    }

    @Test
    void aMalformedMetricsAddressIsAOneLineUsageError() throws Exception {
        Image.Result r = Image.run(Map.of(), "daemon", "--store", "memory://", "--metrics-listen", "9464");
        assertEquals(2, r.code(), r.err());
        assertEquals("castore daemon: invalid metrics address '9464': expected HOST:PORT, such as 127.0.0.1:9464 or"
                + " [::1]:9464 (port 0 picks a free one)\n", r.err());
    }

    /** The value of the one sample of {@code name} whose labels contain both label texts. */
    private static String sample(String scrape, String name, String labels, String more) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels) && m.group(1).contains(more)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " with " + labels + " and " + more);
    }

    private static String sample(String scrape, String name, String labels) {
        return sample(scrape, name, labels, "");
    }

    private static String find(BufferedReader log, Pattern pattern) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the daemon ended without logging " + pattern);
    }

    private static String get(String url) throws IOException {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
