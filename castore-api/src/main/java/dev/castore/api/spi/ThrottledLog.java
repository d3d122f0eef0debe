package dev.castore.api.spi;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Reports what may happen on every call without letting it fill the log: the first report at
 * once, one line, then at most one line per interval, saying how many were left out since the
 * last line. A client that sends malformed requests, or a store that fails every call (a failed
 * disk refuses every write of every client, a backend out of reach every read), would otherwise
 * write a line, or a stack trace, for each request of the gRPC server, the HTTP server or a mount.
 * Thread-safe.
 */
public final class ThrottledLog {

    private final BiConsumer<String, Throwable> warn;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastLine;
    private boolean logged;
    private long leftOut;

    /**
     * Writes its lines to {@code warn} (a line, and the throwable whose stack trace goes with it or
     * null), at most one per {@code interval} of {@code nanoTime}.
     */
    public ThrottledLog(BiConsumer<String, Throwable> warn, Duration interval, LongSupplier nanoTime) {
        this.warn = warn;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Reports {@code line}, with {@code trace}'s stack trace (null for none) if the line is written. */
    public synchronized void report(String line, Throwable trace) {
        long now = nanoTime.getAsLong();
        if (logged && now - lastLine < intervalNanos) {
            leftOut++;
            return;
        }
        warn.accept(line + (leftOut == 0 ? "" : " (and " + leftOut + " more since the last report)"), trace);
        logged = true;
        lastLine = now;
        leftOut = 0;
    }
}
