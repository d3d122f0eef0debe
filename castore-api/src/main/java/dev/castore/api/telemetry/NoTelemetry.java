package dev.castore.api.telemetry;

import dev.castore.api.spi.ServiceKind;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** {@link Telemetry#none()}: records nothing, wraps nothing. */
final class NoTelemetry implements Telemetry {

    static final NoTelemetry INSTANCE = new NoTelemetry();

    static final CallSpan SPAN = new CallSpan() {
        @Override
        public Scope enter() {
            return () -> {};
        }

        @Override
        public void end(String status) {}
    };

    private NoTelemetry() {}

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public <T> T instrument(ServiceKind<T> kind, String instance, String type, T store) {
        return store;
    }

    @Override
    public CallSpan clientCall(String method, BiConsumer<String, String> headers) {
        return SPAN;
    }

    @Override
    public CallSpan serverCall(String method, Function<String, Optional<String>> headers) {
        return SPAN;
    }

    @Override
    public CallSpan operation(String name) {
        return SPAN;
    }

    @Override
    public Optional<String> metricsAddress() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
