package dev.castore.observability;

import dev.castore.api.telemetry.CallSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A gRPC call or command in progress: its span (invalid when not tracing) and its meters. */
final class RecordedCall implements CallSpan {

    private final Span span;
    private final Consumer<String> meters;
    private final String statusAttribute;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** A call whose status is recorded on its span as {@code statusAttribute} and handed to {@code meters}. */
    RecordedCall(Span span, Consumer<String> meters, String statusAttribute) {
        this.span = span;
        this.meters = meters;
        this.statusAttribute = statusAttribute;
    }

    @Override
    public CallSpan.Scope enter() {
        if (!span.getSpanContext().isValid()) {
            return () -> { };
        }
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return scope::close;
    }

    @Override
    public void end(String status) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        meters.accept(status);
        span.setAttribute(statusAttribute, status);
        if (!status.equals("OK")) {
            span.setStatus(StatusCode.ERROR, status);
        }
        span.end();
    }
}
