package dev.castore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which operations the sampler times, from the latencies it is told. */
class LatencySamplerTest {

    @Test
    void anInstanceTimesEveryOperationUntilItHasTimedOne() {
        LatencySampler sampler = new LatencySampler();
        assertEquals(10_000, timed(sampler, 10_000));
    }

    @Test
    void operationsAveragingOverTwentyMicrosecondsAreAllTimed() {
        LatencySampler sampler = new LatencySampler();
        for (int i = 0; i < 100; i++) {
            sampler.timed(25_000);
        }
        assertEquals(64_000, timed(sampler, 64_000));
    }

    /**
     * One in 64 at random: of 64,000 operations, 1,000 expected, with a standard deviation of 31;
     * the bounds are six of them away on either side (a chance of 2e-9 to fail by luck).
     */
    @Test
    void operationsOfAFewMicrosecondsAreTimedOneInSixtyFour() {
        LatencySampler sampler = new LatencySampler();
        sampler.timed(1_500);
        int timed = timed(sampler, 64_000);
        assertTrue(timed >= 810 && timed <= 1_190, "timed " + timed + " of 64000");
    }

    /** The average moves by an eighth of each timed latency's difference to it. */
    @Test
    void oneSlowOperationAmongFastOnesLeavesTheInstanceSampledAndTwoInARowTimeEverything() {
        LatencySampler sampler = new LatencySampler();
        sampler.timed(1_500);
        sampler.timed(100_000); // 1,500 + 98,500 / 8 = 13,812
        assertFalse(sampler.timesEvery());
        sampler.timed(100_000); // 13,812 + 86,188 / 8 = 24,585
        assertTrue(sampler.timesEvery());
    }

    @Test
    void oneFastOperationAmongSlowOnesKeepsEveryOperationTimed() {
        LatencySampler sampler = new LatencySampler();
        sampler.timed(100_000);
        sampler.timed(1_000); // 100,000 - 99,000 / 8 = 87,625
        assertTrue(sampler.timesEvery());
        for (int i = 0; i < 11; i++) {
            sampler.timed(1_000);
        }
        assertTrue(sampler.timesEvery(), "87,625 after 11 more of 1 µs is 20,937");
        sampler.timed(1_000);
        assertFalse(sampler.timesEvery());
    }

    private static int timed(LatencySampler sampler, int operations) {
        int timed = 0;
        for (int i = 0; i < operations; i++) {
            if (sampler.timesNext()) {
                timed++;
            }
        }
        return timed;
    }
}
