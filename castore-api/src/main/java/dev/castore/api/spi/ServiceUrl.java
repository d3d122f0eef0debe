package dev.castore.api.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store or listen URL, split the way the WHATWG URL standard splits special-less URLs:
 * {@code scheme://[user@]host[:port][/path][?query]}. Unlike {@link java.net.URI} it accepts an
 * empty authority ({@code memory://}, {@code redb://}).
 *
 * <p>The type tag is the scheme up to its first {@code +} ({@code objectstore+s3} gives
 * {@code objectstore}); {@link #inner()} is the URL with that prefix removed
 * ({@code s3://bucket/prefix}). Each {@code +}-separated part of the scheme starts with a letter,
 * so the inner URL of a URL that parses parses too.
 */
public final class ServiceUrl {

    private static final Pattern FORM = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9.\\-]*(?:\\+[A-Za-z][A-Za-z0-9.\\-]*)*)://(?<authority>[^/?#]*)(?<path>[^?#]*)(?:\\?(?<query>[^#]*))?(?:#.*)?");
    private static final Pattern AUTHORITY = Pattern.compile(
            "(?:(?<user>[^@]*)@)?(?<host>\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]*)(?::(?<port>[0-9]*))?");

    private final String raw;
    private final String scheme;
    private final String host;
    private final OptionalInt port;
    private final String path;
    private final Optional<String> rawQuery;
    private final Map<String, String> query;

    private ServiceUrl(String raw, String scheme, String host, OptionalInt port,
            String path, Optional<String> rawQuery, Map<String, String> query) {
        this.raw = raw;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = query;
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException "unable to parse url ..." with the reason
     */
    public static ServiceUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        Matcher m = FORM.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("unable to parse url '" + url
                    + "': expected scheme[+scheme]://[host[:port]][/path][?query], each scheme starting with a letter");
        }
        Matcher a = AUTHORITY.matcher(m.group("authority"));
        if (!a.matches()) {
            throw new IllegalArgumentException("unable to parse url '" + url + "': invalid host or port '"
                    + m.group("authority") + "'");
        }
        OptionalInt port = OptionalInt.empty();
        String p = a.group("port");
        if (p != null && !p.isEmpty()) {
            int value;
            try {
                value = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("unable to parse url '" + url + "': port " + p + " is not in 0..65535");
            }
            port = OptionalInt.of(value);
        }
        Optional<String> rawQuery = Optional.ofNullable(m.group("query"));
        return new ServiceUrl(url, m.group("scheme").toLowerCase(java.util.Locale.ROOT),
                decode(a.group("host")), port,
                decode(m.group("path")), rawQuery, parseQuery(url, rawQuery.orElse("")));
    }

    private static Map<String, String> parseQuery(String url, String q) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
            if (out.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("unable to parse url '" + url + "': query parameter '" + key
                        + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decodeForm(String s) {
        return decode(s.replace('+', ' '));
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    /** The URL as given. */
    public String raw() {
        return raw;
    }

    /** The whole scheme, lower-case, e.g. {@code objectstore+s3}. */
    public String scheme() {
        return scheme;
    }

    /** The scheme up to its first {@code +}: the type tag of the store it names. */
    public String typeTag() {
        int plus = scheme.indexOf('+');
        return plus < 0 ? scheme : scheme.substring(0, plus);
    }

    /** The scheme after the first {@code +}, if any ({@code s3} of {@code objectstore+s3}). */
    public Optional<String> innerScheme() {
        int plus = scheme.indexOf('+');
        return plus < 0 ? Optional.empty() : Optional.of(scheme.substring(plus + 1));
    }

    /** The URL with the type tag and its {@code +} removed, query included; the URL itself when there is no {@code +}. */
    public String inner() {
        int plus = scheme.indexOf('+');
        return plus < 0 ? raw : raw.substring(plus + 1);
    }

    /** The host, possibly empty; an IPv6 literal keeps its brackets. */
    public String host() {
        return host;
    }

    public OptionalInt port() {
        return port;
    }

    /** The path, percent-decoded, possibly empty; starts with {@code /} when not empty. */
    public String path() {
        return path;
    }

    /** The query string as given, without {@code ?}. */
    public Optional<String> rawQuery() {
        return rawQuery;
    }

    /** The query parameters in order, form-decoded. */
    public Map<String, String> query() {
        return query;
    }

    /** One query parameter. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The URL without its query and fragment. */
    public String withoutQuery() {
        int q = raw.indexOf('?');
        int f = raw.indexOf('#');
        int end = q >= 0 ? q : f >= 0 ? f : raw.length();
        return raw.substring(0, end);
    }

    @Override
    public String toString() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceUrl other && raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }
}
