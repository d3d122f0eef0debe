package dev.castore.observability;

import java.time.Duration;

/**
 * The upper bounds of the latency histograms: a dozen buckets from 50 µs (a memory store's put)
 * to 10 s (a large blob over a slow link). Micrometer's default percentile histogram has about 70
 * for the same range; a put cost the same with either (BENCHMARKS.md, "Instrumentation"), and a
 * dozen keeps each scrape small.
 */
final class LatencyBuckets {

    static final Duration[] BOUNDS = {
        Duration.ofNanos(50_000), Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
    };

    private LatencyBuckets() {}
}
