package dev.castore.cli.ingest;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of an import (or an export, a copy): files and bytes done out of those found, rate and, once the scan is
 * complete, the time left. On a terminal it redraws one status line a few times a second; otherwise
 * it prints a plain line every few seconds. Thread-safe.
 */
public final class ImportProgress implements AutoCloseable {

    private final PrintWriter err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicLong filesFound = new AtomicLong();
    private final AtomicLong bytesFound = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private volatile boolean scanComplete;
    private final ScheduledExecutorService ticker;

    private ImportProgress(PrintWriter err, boolean terminal, boolean enabled) {
        this.err = err;
        this.terminal = terminal;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "castore-progress");
                t.setDaemon(true);
                return t;
            });
            long period = terminal ? 250 : 5000;
            ticker.scheduleAtFixedRate(this::report, period, period, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** Progress on {@code err}: a status line on a terminal, plain lines otherwise. */
    public static ImportProgress to(PrintWriter err, boolean terminal) {
        return new ImportProgress(err, terminal, true);
    }

    /** No progress output. */
    public static ImportProgress silent() {
        return new ImportProgress(null, false, false);
    }

    /** Adds what a walk found in one go: an export or a copy knows its whole tree up front. */
    public void found(long files, long bytes) {
        filesFound.addAndGet(files);
        bytesFound.addAndGet(bytes);
    }

    void fileFound(long size) {
        filesFound.incrementAndGet();
        bytesFound.addAndGet(size);
    }

    /** Everything to do has been found: the line shows the time left from now on. */
    public void scanDone() {
        scanComplete = true;
    }

    /** {@code n} more bytes done. */
    public void bytes(long n) {
        bytesDone.addAndGet(n);
    }

    /** One more file done. */
    public void fileDone() {
        filesDone.incrementAndGet();
    }

    /** Files uploaded so far. */
    public long files() {
        return filesDone.get();
    }

    /** Bytes uploaded so far. */
    public long bytes() {
        return bytesDone.get();
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void report() {
        String line = status();
        if (terminal) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String status() {
        double secs = Math.max(seconds(), 1e-3);
        long done = bytesDone.get();
        double rate = done / secs;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d/%d%s files, %s/%s%s, %s/s", filesDone.get(), filesFound.get(),
                scanComplete ? "" : "+", human(done), human(bytesFound.get()), scanComplete ? "" : "+", human((long) rate)));
        if (scanComplete && rate > 0) {
            long left = (long) ((bytesFound.get() - done) / rate);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", left / 60, left % 60));
        }
        return sb.toString();
    }

    /** Bytes in binary units, e.g. {@code 1.5 MiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Stops the reports and clears the status line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            if (terminal) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
