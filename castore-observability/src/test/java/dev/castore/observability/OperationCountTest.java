package dev.castore.observability;

import static dev.castore.observability.MetricsEndpointTest.value;
import static dev.castore.observability.MetricsEndpointTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every operation is counted, by outcome; the latency of a slow instance's operations is recorded
 * for each, a fast instance's for a sample.
 */
class OperationCountTest {

    private static final String TEXT = "hello, metrics"; // 14 bytes
    private static final Map<String, String> PUT_OK = Map.of("instance", "root", "operation", "put", "outcome", "ok");
    private static final Map<String, String> PUT_ERROR = Map.of("instance", "root", "operation", "put", "outcome", "error");
    private static final Map<String, String> WRITTEN = Map.of("instance", "root", "direction", "written");

    /** Each commit takes at least 50 µs, so the average the sampler keeps never falls under 20 µs. */
    @Test
    void everyPutOfAStoreSlowerThanTwentyMicrosecondsIsCountedAndTimed() throws Exception {
        String scrape = scrapeAfterPuts(new PacedBlobService(50_000, Integer.MAX_VALUE), 300);
        assertEquals(300.0, value(scrape, "castore_store_operations_total", PUT_OK), scrape);
        assertEquals(300.0, value(scrape, "castore_store_latency_seconds_count", PUT_OK), scrape);
        assertEquals(300.0 * 14, value(scrape, "castore_store_bytes_total", WRITTEN), scrape);
    }

    /**
     * Twice 20,000 puts into memory, every 100th failing at its commit: each is counted. The first
     * 20,000 run while the JIT compiles them, slower than 20 µs at first, and are timed while they
     * are. Of the 19,800 of the second round that succeed, one in 64 is timed (about 310: 200 is
     * six standard deviations below), plus the few timed after a pause of the thread raised the
     * average; more than half of them timed would mean the sampling does not work.
     */
    @Test
    void everyPutOfAFastStoreIsCountedFailuresIncludedAndAFewAreTimed() throws Exception {
        PacedBlobService memory = new PacedBlobService(0, 100);
        PrometheusMeterRegistry registry = ObservabilityProvider.prometheusRegistry();
        try (Telemetry telemetry = ObservabilityProvider.into(registry, Optional.empty(), "test")) {
            BlobService blobs = telemetry.instrument(ServiceKind.BLOB, "root", "memory", memory);
            put(blobs, 20_000, memory);
            double timedBefore = value(registry.scrape(), "castore_store_latency_seconds_count", PUT_OK);
            put(blobs, 20_000, memory);
            String scrape = registry.scrape();

            assertEquals(39_600.0, value(scrape, "castore_store_operations_total", PUT_OK), scrape);
            assertEquals(400.0, value(scrape, "castore_store_operations_total", PUT_ERROR), scrape);
            assertEquals(39_600.0 * 14, value(scrape, "castore_store_bytes_total", WRITTEN), scrape);
            double timed = value(scrape, "castore_store_latency_seconds_count", PUT_OK);
            assertTrue(timed - timedBefore >= 200 && timed - timedBefore <= 10_000,
                    "timed " + (timed - timedBefore) + " of 19800\n" + scrape);
            assertEquals(timed, value(scrape, "castore_store_latency_seconds_bucket", with(PUT_OK, "le", "+Inf")), scrape);
        }
    }

    /** Makes {@code puts} puts of 14 bytes through the instrumented {@code inner}, and scrapes. */
    private static String scrapeAfterPuts(PacedBlobService inner, int puts) throws IOException {
        PrometheusMeterRegistry registry = ObservabilityProvider.prometheusRegistry();
        try (Telemetry telemetry = ObservabilityProvider.into(registry, Optional.empty(), "test")) {
            put(telemetry.instrument(ServiceKind.BLOB, "root", "memory", inner), puts, inner);
            return registry.scrape();
        }
    }

    /** Makes {@code puts} puts of 14 bytes into {@code blobs}, over {@code failing}, whose failures it expects. */
    private static void put(BlobService blobs, int puts, PacedBlobService failing) throws IOException {
        for (int i = 1; i <= puts; i++) {
            if (failing.fails(i)) {
                assertEquals("disk full", assertThrows(IOException.class, () -> Stores.put(blobs, TEXT)).getMessage());
            } else {
                Stores.put(blobs, TEXT);
            }
        }
    }
}
