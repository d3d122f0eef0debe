package dev.castore.observability;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer's clock with a wall time read from a field that one daemon thread refreshes every
 * {@link #TICK_MILLIS} ms, instead of from the system clock on every call.
 *
 * <p>Why: each recorded time makes Micrometer read the wall clock twice, to rotate the decaying
 * max ({@code _max}, a window of minutes) and the histogram (which never rotates for
 * Prometheus); on a virtual machine's clock a read costs 30 to 60 ns, as much as everything else
 * a put's metrics cost. Neither needs better than a tick's precision, nor do the creation times of
 * meters. The monotonic time, which times operations, stays the system's.
 */
final class CoarseWallClock implements Clock {

    static final long TICK_MILLIS = 100;

    /** One for the process: its thread is a daemon that only sleeps and stores a long. */
    static final CoarseWallClock INSTANCE = new CoarseWallClock();

    private volatile long wallTime = System.currentTimeMillis();

    private CoarseWallClock() {
        Thread ticker = new Thread(this::tick, "castore-metrics-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tick() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            wallTime = System.currentTimeMillis();
        }
    }

    @Override
    public long wallTime() {
        return wallTime;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }
}
