package dev.castore.store.grpc.server;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Consumer;

/**
 * Reports malformed requests without letting a client fill the log: the first one at once, one
 * line, then at most one line per interval, saying how many were left out since the last line.
 * Thread-safe.
 */
final class MalformedRequestLog {

    private final Consumer<String> warn;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastLine;
    private boolean logged;
    private long leftOut;

    /** Writes its lines to {@code warn}, at most one per {@code interval} of {@code nanoTime}. */
    MalformedRequestLog(Consumer<String> warn, Duration interval, LongSupplier nanoTime) {
        this.warn = warn;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized void rejected(String method, String reason) {
        long now = nanoTime.getAsLong();
        if (logged && now - lastLine < intervalNanos) {
            leftOut++;
            return;
        }
        warn.accept("rejected a malformed request to " + method + ": " + reason
                + (leftOut == 0 ? "" : " (and " + leftOut + " more since the last report)"));
        logged = true;
        lastLine = now;
        leftOut = 0;
    }
}
