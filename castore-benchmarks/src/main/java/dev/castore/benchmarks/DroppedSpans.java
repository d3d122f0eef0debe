package dev.castore.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the spans that end and drops them: what making spans costs, without exporting them.
 * (An empty {@code SpanProcessor.composite()} would not do: the SDK then skips recording spans.)
 */
final class DroppedSpans implements SpanProcessor {

    private final LongAdder ended = new LongAdder();

    long count() {
        return ended.sum();
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.increment();
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
