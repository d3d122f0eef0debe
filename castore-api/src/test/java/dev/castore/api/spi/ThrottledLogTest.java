package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One line at once, then at most one per interval, counting what it left out. */
class ThrottledLogTest {

    private long now;
    private final List<String> lines = new ArrayList<>();
    private final List<Throwable> traces = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog((line, trace) -> {
        lines.add(line);
        traces.add(trace);
    }, Duration.ofSeconds(60), () -> now);

    @Test
    void theFirstIsLoggedAndTheRestOfTheIntervalCounted() {
        log.report("a", null);
        now += Duration.ofSeconds(10).toNanos();
        log.report("a", null);
        log.report("b", null);
        now += Duration.ofSeconds(49).toNanos();
        log.report("a", null);
        assertEquals(List.of("a"), lines);

        now += Duration.ofSeconds(1).toNanos();
        log.report("b", null);
        now += Duration.ofSeconds(61).toNanos();
        log.report("a", null);

        assertEquals(List.of("a", "b (and 3 more since the last report)", "a"), lines);
    }

    @Test
    void aTraceGoesWithItsLineOnlyWhenTheLineIsWritten() {
        IllegalStateException first = new IllegalStateException("first");
        log.report("first", first);
        log.report("second", new IllegalStateException("second"));
        now += Duration.ofSeconds(60).toNanos();
        log.report("third", null);

        assertEquals(List.of("first", "third (and 1 more since the last report)"), lines);
        assertSame(first, traces.get(0));
        assertNull(traces.get(1));
    }
}
