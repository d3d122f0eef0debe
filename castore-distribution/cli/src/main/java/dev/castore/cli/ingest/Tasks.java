package dev.castore.cli.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Waiting for the tasks of an import, a copy or an export's reads ahead. */
public final class Tasks {

    private Tasks() {}

    /**
     * The result of {@code task}; the IOException or RuntimeException it failed with, as it is.
     * {@code doing} ("importing /x") says what failed otherwise, or was interrupted.
     */
    public static <T> T await(Future<T> task, Supplier<String> doing) throws IOException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(doing.get() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing.get());
        }
    }
}
