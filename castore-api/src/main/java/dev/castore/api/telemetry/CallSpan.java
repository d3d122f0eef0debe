package dev.castore.api.telemetry;

/**
 * One traced unit of work (a gRPC call, a command). {@link #enter()} makes it the current span of
 * the calling thread, so that what runs inside becomes its child; {@link #end} ends it once (later
 * calls do nothing).
 */
public interface CallSpan {

    /** A span that records nothing. */
    static CallSpan none() {
        return NoTelemetry.SPAN;
    }

    /** Makes this span current on this thread until the returned scope is closed. */
    Scope enter();

    /** Ends the span with the call's status ({@code OK}, {@code UNAVAILABLE}, ...); idempotent. */
    void end(String status);

    /** The scope of a span on one thread; closing it restores the previous span. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
