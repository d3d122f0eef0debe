package dev.castore.store.grpc.server;

import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the calls that the server's stores failed. A failure of the store (an
 * {@link IOException}: a full disk, a backend out of reach, corrupt data) is the store's state,
 * which fails the next calls too: its message, one line, through a {@link ThrottledLog}, and its
 * stack trace at debug level ({@code castore -v daemon}), which says only where the server
 * called the store. Any other failure is a defect: its line carries its stack trace.
 */
final class FailedCalls {

    private static final Logger LOG = LoggerFactory.getLogger(FailedCalls.class);

    private final ThrottledLog log;

    FailedCalls(ThrottledLog log) {
        this.log = log;
    }

    /** That {@code doing} ("committing a blob") failed with {@code e}. */
    void failed(String doing, Throwable e) {
        LOG.debug("{} failed", doing, e);
        log.report(doing + " failed: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getName()),
                e instanceof IOException ? null : e);
    }
}
