package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.castore.api.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store that fails every call (a full disk) is reported in a line now and then, without its
 * stack trace; a defect with its stack trace.
 */
class FailureLogTest {

    private long now;
    private final List<String> lines = new ArrayList<>();
    private final List<Throwable> traces = new ArrayList<>();
    private final List<Throwable> debugged = new ArrayList<>();
    private final FailureLog failures = new FailureLog(new ThrottledLog((line, trace) -> {
        lines.add(line);
        traces.add(trace);
    }, Duration.ofSeconds(10), () -> now), (line, trace) -> debugged.add(trace));

    @Test
    void aFailingStoreIsOneLineWithoutStackTracePerInterval() {
        StorageException full = new StorageException("/srv/castore/packs: syncing the pack files: No space left on device");
        for (int i = 0; i < 100; i++) {
            failures.failed("committing a blob", full);
        }
        now += Duration.ofSeconds(10).toNanos();
        failures.failed("stat of blob 00ff", full);

        assertEquals(List.of(
                "committing a blob failed: /srv/castore/packs: syncing the pack files: No space left on device",
                "stat of blob 00ff failed: /srv/castore/packs: syncing the pack files: No space left on device"
                        + " (and 99 more since the last report)"), lines);
        assertNull(traces.get(0));
        assertNull(traces.get(1));
        assertEquals(101, debugged.size(), "every failure's trace at debug level");
        assertSame(full, debugged.get(100));
    }

    @Test
    void aDefectKeepsItsStackTrace() {
        NullPointerException bug = new NullPointerException();
        failures.failed("reading blob 00ff", bug);

        assertEquals(List.of("reading blob 00ff failed: java.lang.NullPointerException"), lines);
        assertSame(bug, traces.get(0));
    }
}
