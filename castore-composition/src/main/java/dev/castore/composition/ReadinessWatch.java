package dev.castore.composition;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a {@link Readiness} now and then every {@code interval} (the next check starts an interval
 * after the previous one ended), hands each result on, and logs each change once: a warning naming
 * what does not answer, a line when everything answers again.
 */
public final class ReadinessWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessWatch.class);

    private final ScheduledExecutorService timer;
    private final Readiness readiness;
    private final Consumer<Readiness.Result> onCheck;
    private boolean wasReady = true;

    private ReadinessWatch(Readiness readiness, Consumer<Readiness.Result> onCheck) {
        this.readiness = readiness;
        this.onCheck = onCheck;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("castore-readiness").factory());
    }

    /** Starts checking at once, then every {@code interval}. */
    public static ReadinessWatch start(Readiness readiness, Duration interval, Consumer<Readiness.Result> onCheck) {
        Objects.requireNonNull(readiness, "readiness");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the readiness interval must be positive, got " + interval);
        }
        ReadinessWatch watch = new ReadinessWatch(readiness, Objects.requireNonNull(onCheck, "onCheck"));
        watch.timer.scheduleWithFixedDelay(watch::checkOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void checkOnce() {
        try {
            Readiness.Result result = readiness.check();
            if (result.ready() != wasReady) {
                if (result.ready()) {
                    LOG.info("the stores answer again: ready");
                } else {
                    LOG.warn("not ready: {}", String.join("; ", result.problems()));
                }
                wasReady = result.ready();
            }
            onCheck.accept(result);
        } catch (RuntimeException e) {
            // One failed check must not end the schedule.
            LOG.warn("readiness check failed: {}", e.toString());
        }
    }

    /** Stops checking. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
