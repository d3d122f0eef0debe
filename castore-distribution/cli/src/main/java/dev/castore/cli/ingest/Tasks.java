package dev.castore.cli.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** The threads of an import, a copy or an export's reads ahead, and waiting for their tasks. */
public final class Tasks {

    private Tasks() {}

    /** {@code threads} threads named {@code name}, daemons: a command that fails does not wait for them to exit. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

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
