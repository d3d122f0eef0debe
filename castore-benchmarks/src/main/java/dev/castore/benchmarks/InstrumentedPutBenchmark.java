package dev.castore.benchmarks;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.observability.ObservabilityProvider;
import dev.castore.store.memory.MemoryBlobService;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.IOException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the composition's instrumentation costs on the blob put path: one blob written to a
 * {@code memory://} store and committed (hashed, stored), as the store itself ({@code plain}),
 * wrapped with metrics into a Prometheus registry ({@code metrics}, what {@code --metrics-listen}
 * turns on), and with a span per put too ({@code traced}: spans made, sampled and handed to a
 * processor that drops them, so export is not measured). Lives in the module's package, which
 * the class path allows, to reach its package-private parts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InstrumentedPutBenchmark {

    @Param({"1024", "65536"})
    int size;

    @Param({"plain", "metrics", "traced"})
    String mode;

    private byte[] blob;
    private BlobService store;
    private Telemetry telemetry;

    @Setup
    public void setUp() {
        blob = new byte[size];
        new Random(42).nextBytes(blob);
        BlobService memory = new MemoryBlobService();
        store = memory;
        if (!mode.equals("plain")) {
            Optional<SpanProcessor> spans = mode.equals("traced") ? Optional.of(new DroppedSpans()) : Optional.empty();
            telemetry = ObservabilityProvider.into(ObservabilityProvider.prometheusRegistry(), spans, "benchmark");
            store = telemetry.instrument(ServiceKind.BLOB, "root", "memory", memory);
        }
    }

    @TearDown
    public void tearDown() {
        if (telemetry != null) {
            telemetry.close();
        }
    }

    @Benchmark
    public B3Digest put() throws IOException {
        try (BlobWriter w = store.openWriter()) {
            w.write(blob, 0, blob.length);
            return w.commit();
        }
    }
}
