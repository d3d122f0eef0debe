package dev.castore.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.TimeUnit;

/**
 * One store operation in progress. It ends once, as a success or a failure: its time goes to the
 * matching timer and its span ends. Operations that span several calls (a blob put from
 * {@code openWriter} to {@code commit}) {@link #enter()} their span around each call, so that what
 * the inner store does (a gRPC call) becomes its child.
 */
final class Operation {

    /** The span's scope on one thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final Scope NOTHING = () -> { };

    private final InstanceRecorder recorder;
    private final String name;
    private final Span span;
    private final long start;
    private boolean ended;

    Operation(InstanceRecorder recorder, String name, Span span, long start) {
        this.recorder = recorder;
        this.name = name;
        this.span = span;
        this.start = start;
    }

    Scope enter() {
        if (!span.getSpanContext().isValid()) {
            return NOTHING;
        }
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return scope::close;
    }

    synchronized void succeed() {
        end(true);
    }

    synchronized void fail(Throwable error) {
        if (!ended) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
        end(false);
    }

    /** Ends the span without counting the operation (a writer closed without a commit). */
    synchronized void abandon() {
        if (!ended) {
            ended = true;
            span.end();
        }
    }

    private void end(boolean success) {
        if (ended) {
            return;
        }
        ended = true;
        recorder.timer(name, success).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        span.end();
    }
}
