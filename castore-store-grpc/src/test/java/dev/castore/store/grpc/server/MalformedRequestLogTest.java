package dev.castore.store.grpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One line at once, then at most one per interval, counting what it left out. */
class MalformedRequestLogTest {

    private long now;
    private final List<String> lines = new ArrayList<>();
    private final MalformedRequestLog log = new MalformedRequestLog(lines::add, Duration.ofSeconds(60), () -> now);

    @Test
    void theFirstIsLoggedAndTheRestOfTheIntervalCounted() {
        log.rejected("/a/M", "bad");
        now += Duration.ofSeconds(10).toNanos();
        log.rejected("/a/M", "bad");
        log.rejected("/a/N", "worse");
        now += Duration.ofSeconds(49).toNanos();
        log.rejected("/a/M", "bad");
        assertEquals(List.of("rejected a malformed request to /a/M: bad"), lines);

        now += Duration.ofSeconds(1).toNanos();
        log.rejected("/a/N", "worse");
        now += Duration.ofSeconds(61).toNanos();
        log.rejected("/a/M", "bad");

        assertEquals(List.of("rejected a malformed request to /a/M: bad",
                "rejected a malformed request to /a/N: worse (and 3 more since the last report)",
                "rejected a malformed request to /a/M: bad"), lines);
    }
}
