package dev.castore.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One store operation in progress. It ends once, as a success or a failure: it is counted under
 * that outcome, its time (when it is timed) goes to the matching timer, and its span ends.
 * Operations that span several calls (a blob put from {@code openWriter} to {@code commit})
 * {@link #enter()} their span around each call, so that what the inner store does (a gRPC call)
 * becomes its child. A blob put's writer is its operation (a subclass), which spares each put an
 * object.
 */
sealed class Operation permits InstrumentedBlobWriter {

    /** The span's scope on one thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final Scope NOTHING = () -> { };
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Operation.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final OperationMeters meters;
    private final Span span;
    private final boolean traced;
    /** When it began, by {@link System#nanoTime}, or {@link OperationMeters#UNTIMED}. */
    private final long start;
    private volatile boolean ended;

    /** An operation of {@code meters} that began at {@code start} (see {@link OperationMeters#begin()}). */
    Operation(OperationMeters meters, Span span, long start) {
        this.meters = meters;
        this.span = span;
        this.traced = span.getSpanContext().isValid();
        this.start = start;
    }

    /** Makes the span current on this thread until the scope closes; without a span, does nothing. */
    Scope enter() {
        return traced ? enter(span) : NOTHING;
    }

    static Scope enter(Span span) {
        if (!span.getSpanContext().isValid()) {
            return NOTHING;
        }
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return scope::close;
    }

    /**
     * Runs one call of this operation inside its span. A failure ends the operation as failed and
     * is rethrown; a success leaves it to the caller to say when the operation ends.
     */
    <T> T call(OperationMeters.StoreCall<T> call) throws IOException {
        try (Scope ignored = enter()) {
            return call.call();
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /** {@link #call} for a call that returns nothing. */
    void run(OperationMeters.StoreAction action) throws IOException {
        call(() -> {
            action.run();
            return null;
        });
    }

    void succeed() {
        if (claimEnd()) {
            meters.end(true, start);
            span.end();
        }
    }

    void fail(Throwable error) {
        if (claimEnd()) {
            meters.end(false, start);
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
            span.end();
        }
    }

    /** Ends the span without counting the operation (a writer closed without a commit). */
    void abandon() {
        if (claimEnd()) {
            span.end();
        }
    }

    /**
     * Whether this call is the one that ends the operation: a stream's end and its close may race,
     * and a writer's close follows its commit (the read spares that an atomic update).
     */
    private boolean claimEnd() {
        return !ended && ENDED.compareAndSet(this, false, true);
    }
}
