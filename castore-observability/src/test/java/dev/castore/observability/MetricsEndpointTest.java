package dev.castore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.Listener;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.api.telemetry.TelemetrySettings;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.combinator.LruBlobService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics a daemon serves at /metrics after a put and a read through its gRPC port. */
class MetricsEndpointTest {

    private static final String TEXT = "hello, metrics"; // 14 bytes

    @Test
    void aPutAndAReadThroughTheDaemonShowInItsMetrics() throws Exception {
        TelemetrySettings settings = new TelemetrySettings("castore daemon", Optional.of("127.0.0.1:0"), Optional.empty());
        try (Telemetry telemetry = new ObservabilityProvider().start(settings);
                Composition daemon = Stores.of("memory://", telemetry);
                Listener listener = Stores.serve(daemon, telemetry);
                Composition client = Stores.of(listener.address(), Telemetry.none())) {
            BlobService remote = Stores.blobs(client);
            B3Digest digest = Stores.put(remote, TEXT);
            assertEquals(TEXT, Stores.read(remote, digest));

            String scrape = Stores.get(telemetry.metricsAddress().orElseThrow());

            Map<String, String> blobRoot = Map.of("kind", "blob", "instance", "root", "type", "memory");
            assertEquals(1.0, value(scrape, "castore_store_operations_total", with(blobRoot, "operation", "put", "outcome", "ok")), scrape);
            assertEquals(1.0, value(scrape, "castore_store_operations_total", with(blobRoot, "operation", "open", "outcome", "ok")), scrape);
            // An instance times its first operations, whatever their speed.
            assertEquals(1.0, value(scrape, "castore_store_latency_seconds_count", with(blobRoot, "operation", "put", "outcome", "ok")), scrape);
            assertEquals(14.0, value(scrape, "castore_store_bytes_total", with(blobRoot, "direction", "written")), scrape);
            assertEquals(14.0, value(scrape, "castore_store_bytes_total", with(blobRoot, "direction", "read")), scrape);
            assertEquals(1.0, value(scrape, "castore_grpc_server_calls_seconds_count",
                    Map.of("method", "snix.castore.v1.BlobService/Put", "status", "OK")), scrape);
            assertEquals(1.0, value(scrape, "castore_grpc_server_calls_seconds_count",
                    Map.of("method", "snix.castore.v1.BlobService/Read", "status", "OK")), scrape);
            assertEquals(1.0, value(scrape, "castore_store_latency_seconds_bucket",
                    with(blobRoot, "operation", "put", "outcome", "ok", "le", "+Inf")), scrape);
        }
    }

    /** The wrapper keeps the near store's deletion and listing, which {@code lru} needs to build, count and evict. */
    @Test
    void anLruOverInstrumentedStoresBuildsEvictsAndCountsItsDeletes() throws Exception {
        TelemetrySettings settings = new TelemetrySettings("castore daemon", Optional.of("127.0.0.1:0"), Optional.empty());
        try (Telemetry telemetry = new ObservabilityProvider().start(settings);
                Composition c = new Composition(Stores.registry(), CompositionConfig.builder()
                        .addUrl(Stores.registry(), ServiceKind.BLOB, Composition.ROOT,
                                "lru://?near=memory://&far=memory://&max_bytes=20")
                        .build(), telemetry)) {
            BlobService lru = c.build(ServiceKind.BLOB, Composition.ROOT);
            // lru evicts only once it has counted what near held, in the background: wait for that, so
            // that the reads below evict when they go over the bound and not at some time after.
            for (Composition.BuiltInstance built : c.instances()) {
                if (built.service() instanceof LruBlobService counting) {
                    counting.awaitCounted();
                }
            }
            B3Digest first = Stores.put(lru, TEXT);
            B3Digest second = Stores.put(lru, TEXT.toUpperCase(java.util.Locale.ROOT));
            assertEquals(TEXT, Stores.read(lru, first));
            assertEquals(TEXT.toUpperCase(java.util.Locale.ROOT), Stores.read(lru, second)); // 28 bytes > 20: evicts first

            String scrape = Stores.get(telemetry.metricsAddress().orElseThrow());
            assertEquals(1.0, value(scrape, "castore_store_operations_total",
                    Map.of("kind", "blob", "type", "memory", "operation", "delete", "outcome", "ok")), scrape);
            // lru counted what near held at open (nothing) through the wrapper's listing, before it could evict.
            assertEquals(1.0, value(scrape, "castore_store_operations_total",
                    Map.of("kind", "blob", "type", "memory", "operation", "list", "outcome", "ok")), scrape);
        }
    }

    /** Each put's meters are found once per instance; a failure is counted as an error, its bytes nowhere. */
    @Test
    void aPutFailingAtItsCommitCountsAnErrorAndNoBytesWhilePutsAroundItCountAsOk() throws Exception {
        PrometheusMeterRegistry registry = ObservabilityProvider.prometheusRegistry();
        try (Telemetry telemetry = ObservabilityProvider.into(registry, Optional.empty(), "test")) {
            BlobService blobs = telemetry.instrument(ServiceKind.BLOB, "root", "memory", new PacedBlobService(0, 2));
            Stores.put(blobs, TEXT);
            IOException e = assertThrows(IOException.class, () -> Stores.put(blobs, TEXT));
            assertEquals("disk full", e.getMessage());
            Stores.put(blobs, TEXT);

            String scrape = registry.scrape();
            Map<String, String> put = Map.of("instance", "root", "operation", "put");
            assertEquals(2.0, value(scrape, "castore_store_operations_total", with(put, "outcome", "ok")), scrape);
            assertEquals(1.0, value(scrape, "castore_store_operations_total", with(put, "outcome", "error")), scrape);
            assertEquals(28.0, value(scrape, "castore_store_bytes_total", Map.of("instance", "root", "direction", "written")), scrape);
            // Each outcome has its histogram, though a fast store's are sampled: the first put was timed.
            assertTrue(value(scrape, "castore_store_latency_seconds_count", with(put, "outcome", "ok")) >= 1.0, scrape);
            assertEquals(value(scrape, "castore_store_latency_seconds_count", with(put, "outcome", "error")),
                    value(scrape, "castore_store_latency_seconds_bucket", with(put, "outcome", "error", "le", "+Inf")), scrape);
        }
    }

    @Test
    void aMetricsAddressThatIsNotHostAndPortIsRefusedNamingTheForm() {
        var e = assertThrows(IllegalArgumentException.class, () -> MetricsEndpoint.parse("9464"));
        assertEquals("invalid metrics address '9464': expected HOST:PORT, such as 127.0.0.1:9464 or [::1]:9464"
                + " (port 0 picks a free one)", e.getMessage());
    }

    /** {@code base} and the labels {@code more} (name, value, ...). */
    static Map<String, String> with(Map<String, String> base, String... more) {
        var all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    /** The value of the sample of {@code name} whose labels include {@code labels}; fails when there is none. */
    static double value(String scrape, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            String found = m.group(1);
            if (labels.entrySet().stream().allMatch(e -> found.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + labels);
    }
}
