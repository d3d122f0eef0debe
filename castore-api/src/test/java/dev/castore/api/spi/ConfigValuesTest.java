package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One reading of booleans, whole numbers and durations for every option of every store. */
class ConfigValuesTest {

    @Test
    void everySpellingOfABooleanIsReadTheSameWay() {
        for (String yes : List.of("true", "TRUE", "1", "yes", "on", " On ")) {
            assertTrue(ConfigValues.bool("x", yes), yes);
        }
        for (String no : List.of("false", "False", "0", "no", "off")) {
            assertFalse(ConfigValues.bool("x", no), no);
        }
        assertEquals("wait-connect 'maybe' is not a boolean (true or false; 1, yes, on or 0, no, off)",
                assertThrows(IllegalArgumentException.class, () -> ConfigValues.bool("wait-connect", "maybe")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.bool("x", ""));
    }

    @Test
    void durationsAreHumantimeWithSecondsByDefault() {
        assertEquals(Duration.ofMillis(500), ConfigValues.duration("t", "500ms"));
        assertEquals(Duration.ofSeconds(30), ConfigValues.duration("t", "30s"));
        assertEquals(Duration.ofSeconds(30), ConfigValues.duration("t", "30"));
        assertEquals(Duration.ofMillis(2500), ConfigValues.duration("t", "2.5"));
        assertEquals(Duration.ofMinutes(2), ConfigValues.duration("t", "2min"));
        assertEquals(Duration.ofMinutes(2), ConfigValues.duration("t", "2m"));
        assertEquals(Duration.ofHours(1), ConfigValues.duration("t", "1 hour"));
        assertEquals(Duration.ofNanos(1), ConfigValues.duration("t", "0.000000001"));
        assertEquals("timeout 'soon' is not a duration (e.g. 500ms, 30s, 2min, 1h; a bare number such as 2.5 is seconds)",
                assertThrows(IllegalArgumentException.class, () -> ConfigValues.duration("timeout", "soon")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.duration("t", "-1s"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.duration("t", "99999999999h"));
    }

    @Test
    void sizesAreBytesOrHaveAUnitAsDdReadsThem() {
        assertEquals(1073741824L, ConfigValues.size("max_bytes", "1073741824"));
        assertEquals(10L << 30, ConfigValues.size("max_bytes", "10GiB"));
        assertEquals(10L << 30, ConfigValues.size("max_bytes", "10g"));
        assertEquals(512L << 20, ConfigValues.size("max_bytes", " 512 MiB "));
        assertEquals(2_000_000_000_000L, ConfigValues.size("max_bytes", "2TB"));
        assertEquals(1000L, ConfigValues.size("max_bytes", "1kB"));
        assertEquals(7L, ConfigValues.size("max_bytes", "7b"));
        for (String bad : new String[] {"", "-1", "1.5GiB", "10 gigs", "GiB"}) {
            assertEquals("max_bytes '" + bad + "' is not a size (bytes, or with a unit: 512MiB, 10GiB, 2T; kB, MB, GB, TB"
                    + " are powers of 1000)", assertThrows(IllegalArgumentException.class,
                            () -> ConfigValues.size("max_bytes", bad)).getMessage());
        }
        assertEquals("max_bytes '8EiB' is not a size (bytes, or with a unit: 512MiB, 10GiB, 2T; kB, MB, GB, TB are powers"
                + " of 1000)", assertThrows(IllegalArgumentException.class, () -> ConfigValues.size("max_bytes", "8EiB"))
                        .getMessage());
        assertEquals("max_bytes '8388608TiB' is too large a size (at most 8 EiB)",
                assertThrows(IllegalArgumentException.class, () -> ConfigValues.size("max_bytes", "8388608TiB")).getMessage());
    }

    @Test
    void countsAreWholeNonNegativeNumbers() {
        assertEquals(0, ConfigValues.count("n", "0"));
        assertEquals(42, ConfigValues.count("n", " 42 "));
        assertEquals("max_retries '-1' is not a whole number from 0 to 2147483647",
                assertThrows(IllegalArgumentException.class, () -> ConfigValues.count("max_retries", "-1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.count("n", "1.5"));
    }
}
