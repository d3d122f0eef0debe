package dev.castore.api.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Logs the requests that a server's store failed. A failure of the store (an
 * {@link IOException}: a full disk, a backend out of reach, corrupt data) is the store's state,
 * which fails the next requests too: its message, one line, through a {@link ThrottledLog}, and
 * its stack trace at debug level ({@code castore -v ...}), which says only where the server
 * called the store. Any other failure is a defect: its line carries its stack trace.
 */
public final class FailureLog {

    /** How often a line is written at most. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final ThrottledLog log;
    private final BiConsumer<String, Throwable> debug;

    /**
     * Reports to {@code warn} (a line, and the stack trace that goes with it or null), at most a
     * line per {@link #INTERVAL}; every failure's stack trace goes to {@code debug}.
     */
    public FailureLog(BiConsumer<String, Throwable> warn, BiConsumer<String, Throwable> debug) {
        this(new ThrottledLog(warn, INTERVAL, System::nanoTime), debug);
    }

    /** Reports through {@code log}; every failure's stack trace goes to {@code debug}. */
    public FailureLog(ThrottledLog log, BiConsumer<String, Throwable> debug) {
        this.log = log;
        this.debug = debug;
    }

    /** That {@code doing} ("committing a blob") failed with {@code e}. */
    public void failed(String doing, Throwable e) {
        debug.accept(doing + " failed", e);
        log.report(doing + " failed: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getName()),
                e instanceof IOException ? null : e);
    }
}
