package dev.castore.blake3.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.Blake3;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void lanesWaitForEnoughAnnouncedWorkThenWarmUpAndTakeOver() throws Exception {
        Lanes lanes = new Lanes(1L << 30, Blake3.provider("portable"), Optional::empty);
        assertEquals(Lanes.State.COLD, lanes.state());
        lanes.expect(512L << 20);
        assertEquals(Lanes.State.COLD, lanes.state(), "half the work that pays for the lanes");
        lanes.expect(512L << 20);
        assertTrue(lanes.state() == Lanes.State.WARMING || lanes.state() == Lanes.State.READY, lanes.state().name());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (lanes.state() == Lanes.State.WARMING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Lanes.State.READY, lanes.state(), "the compiled lanes beat the portable code on this processor");
    }

    @Test
    void endlessWorkSaturatesInsteadOfOverflowing() {
        Lanes lanes = new Lanes(Long.MAX_VALUE, Blake3.provider("portable"), Optional::empty);
        lanes.expect(Long.MAX_VALUE - 5);
        lanes.expect(Long.MAX_VALUE - 5);
        assertTrue(lanes.state() != Lanes.State.COLD);
    }

    @Test
    void lanesThatCannotRunHereAreNeverUsed() {
        Lanes lanes = new Lanes(10, Blake3.provider("portable"), () -> Optional.of("128-bit vectors"));
        lanes.expect(100);
        assertEquals(Lanes.State.UNUSABLE, lanes.state());
        assertEquals(Lanes.State.UNUSABLE,
                new Lanes(0, Blake3.provider("portable"), () -> Optional.of("128-bit vectors")).state());
    }

    @Test
    void lanesAtZeroAreReadyAtOnce() {
        assertEquals(Lanes.State.READY, new Lanes(0, Blake3.provider("portable"), Optional::empty).state());
    }
}
