package dev.castore.api.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of option values written as text in config files and URLs: booleans, whole
 * numbers and durations. Stores and listeners read their options through it, so {@code 1},
 * {@code true} and {@code yes} mean the same in every option of every store. Each method names
 * the option and what is accepted when it rejects a value.
 */
public final class ConfigValues {

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmgt]i?b?|b)?");
    private static final Pattern DURATION = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(ms|msec|millis|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hour|hours)?");

    private ConfigValues() {}

    /**
     * {@code true}, {@code 1}, {@code yes}, {@code on} or {@code false}, {@code 0}, {@code no},
     * {@code off}, in any case.
     *
     * @throws IllegalArgumentException "{@code name} 'value' is not a boolean (...)"
     */
    public static boolean bool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " '" + value
                    + "' is not a boolean (true or false; 1, yes, on or 0, no, off)");
        };
    }

    /**
     * A whole number from 0 to {@link Integer#MAX_VALUE}.
     *
     * @throws IllegalArgumentException "{@code name} 'value' is not a whole number ..."
     */
    public static int count(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + value + "' is not a whole number from 0 to " + Integer.MAX_VALUE);
    }

    /**
     * A number of bytes: a whole number ({@code 1073741824}), or one with a unit as {@code dd} reads
     * them: {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} and {@code K}, {@code M}, {@code G},
     * {@code T} are powers of 1024, {@code kB}, {@code MB}, {@code GB}, {@code TB} powers of 1000,
     * {@code B} is one; in any case ({@code 10GiB}, {@code 512 mib}).
     *
     * @throws IllegalArgumentException "{@code name} 'value' is not a size (...)"
     */
    public static long size(String name, String value) {
        Matcher m = match(SIZE, name, value,
                "a size (bytes, or with a unit: 512MiB, 10GiB, 2T; kB, MB, GB, TB are powers of 1000)");
        String unit = m.group(2) == null ? "b" : m.group(2);
        int power = "bkmgt".indexOf(unit.charAt(0));
        BigInteger base = BigInteger.valueOf(unit.length() == 2 && unit.endsWith("b") ? 1000 : 1024);
        BigInteger bytes = new BigInteger(m.group(1)).multiply(base.pow(power));
        if (bytes.bitLength() > 63) {
            throw new IllegalArgumentException(name + " '" + value + "' is too large a size (at most 8 EiB)");
        }
        return bytes.longValue();
    }

    /**
     * A duration as humantime writes it ({@code 500ms}, {@code 30s}, {@code 2min}, {@code 1h});
     * a number without unit is seconds and may have decimals ({@code 2.5}), to the nanosecond.
     *
     * @throws IllegalArgumentException "{@code name} 'value' is not a duration (...)"
     */
    public static Duration duration(String name, String value) {
        Matcher m = match(DURATION, name, value,
                "a duration (e.g. 500ms, 30s, 2min, 1h; a bare number such as 2.5 is seconds)");
        String unit = m.group(2) == null ? "s" : m.group(2);
        long nanosPerUnit = switch (unit.charAt(0)) {
            case 'h' -> 3_600_000_000_000L;
            case 'm' -> unit.startsWith("ms") || unit.startsWith("mil") ? 1_000_000L : 60_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(name + " '" + value + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * {@code value}, trimmed and in lower case, matched by {@code pattern}; when it does not match,
     * fails with "{@code name} 'value' is not {@code what}".
     */
    private static Matcher match(Pattern pattern, String name, String value, String what) {
        Matcher m = pattern.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " '" + value + "' is not " + what);
        }
        return m;
    }
}
