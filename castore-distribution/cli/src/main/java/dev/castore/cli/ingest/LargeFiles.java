package dev.castore.cli.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most {@link ImportJobs#largeFiles()} files (or blobs) over {@link ImportJobs#LARGE_FILE}
 * bytes be worked on at once; smaller ones pass without waiting.
 */
public final class LargeFiles {

    /** Work on one file. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private final Semaphore permits;

    public LargeFiles(ImportJobs jobs) {
        this.permits = new Semaphore(jobs.largeFiles());
    }

    /** Runs {@code work} on a file of {@code size} bytes, once a large one may; {@code doing} ("importing /x") names it if interrupted. */
    public <T> T run(long size, Supplier<String> doing, Work<T> work) throws IOException {
        if (size <= ImportJobs.LARGE_FILE) {
            return work.run();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing.get());
        }
        try {
            return work.run();
        } finally {
            permits.release();
        }
    }
}
