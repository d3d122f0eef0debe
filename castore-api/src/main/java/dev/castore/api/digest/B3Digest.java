package dev.castore.api.digest;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A BLAKE3-256 digest: exactly 32 bytes, immutable, ordered by unsigned byte comparison.
 *
 * <p>Text forms: lower-case hex (object-store keys, Bigtable rows), tvix's {@code b3:} + padded
 * standard base64, and snix's SRI-like {@code blake3-} + padded standard base64.
 * {@link #toString()} gives the snix form; {@link #parse(String)} reads all three.
 */
public final class B3Digest implements Comparable<B3Digest> {

    /** Length of a digest in bytes. */
    public static final int LENGTH = 32;

    /** The tvix text prefix. */
    public static final String TVIX_PREFIX = "b3:";

    /** The snix text prefix. */
    public static final String SNIX_PREFIX = "blake3-";

    private static final HexFormat HEX = HexFormat.of();
    private static final int BASE64_LENGTH = 44;

    private final byte[] bytes;
    private final int hash;

    private B3Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A digest from its 32 raw bytes (copied). */
    public static B3Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("invalid digest length: " + bytes.length + " (a BLAKE3 digest has 32 bytes)");
        }
        return new B3Digest(bytes.clone());
    }

    /** A digest from 32 bytes of {@code bytes} starting at {@code offset} (copied). */
    public static B3Digest of(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new IllegalArgumentException("invalid digest length: " + Math.max(0, bytes.length - offset)
                    + " (a BLAKE3 digest has 32 bytes)");
        }
        return new B3Digest(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
    }

    /** A digest from the next 32 bytes of {@code buffer}, advancing its position. */
    public static B3Digest read(ByteBuffer buffer) {
        if (buffer.remaining() < LENGTH) {
            throw new IllegalArgumentException("invalid digest length: " + buffer.remaining() + " (a BLAKE3 digest has 32 bytes)");
        }
        byte[] b = new byte[LENGTH];
        buffer.get(b);
        return new B3Digest(b);
    }

    /** A digest from 64 hex digits (either case). */
    public static B3Digest fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("invalid hex digest '" + abbreviate(hex) + "': " + hex.length()
                    + " characters, a BLAKE3 digest has 64 hex digits");
        }
        try {
            return new B3Digest(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid hex digest '" + abbreviate(hex)
                    + "': only 0-9 and a-f are allowed", e);
        }
    }

    /**
     * Parses any text form: 64 hex digits, {@code b3:<base64>} (tvix) or {@code blake3-<base64>}
     * (snix), base64 being the padded standard alphabet of 32 bytes.
     */
    public static B3Digest parse(String text) {
        String s = text.strip();
        if (s.startsWith(TVIX_PREFIX)) {
            return fromBase64(s.substring(TVIX_PREFIX.length()), text);
        }
        if (s.startsWith(SNIX_PREFIX)) {
            return fromBase64(s.substring(SNIX_PREFIX.length()), text);
        }
        if (s.length() == 2 * LENGTH) {
            return fromHex(s);
        }
        int dash = s.indexOf('-');
        int colon = s.indexOf(':');
        if (dash > 0 || colon > 0) {
            throw new IllegalArgumentException("invalid hash type in '" + abbreviate(text)
                    + "': expected the prefix 'blake3-' or 'b3:', or 64 hex digits");
        }
        throw new IllegalArgumentException("invalid digest '" + abbreviate(text)
                + "': expected 64 hex digits, 'b3:<base64>' or 'blake3-<base64>'");
    }

    private static B3Digest fromBase64(String b64, String original) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64 in digest '" + abbreviate(original)
                    + "': expected the padded standard alphabet (A-Z a-z 0-9 + /, '=' padding)", e);
        }
        if (decoded.length != LENGTH) {
            // 64 hex digits are also base64, of 48 bytes: say which form the prefix takes.
            String hint = b64.length() == 2 * LENGTH && b64.chars().allMatch(HexFormat::isHexDigit)
                    ? "; after the prefix comes base64, as tvix and snix write it: a hex digest goes bare, "
                            + b64.toLowerCase(Locale.ROOT)
                    : "";
            throw new IllegalArgumentException("invalid digest length: " + decoded.length + " bytes in '"
                    + abbreviate(original) + "' (a BLAKE3 digest has 32 bytes" + hint + ")");
        }
        if (b64.length() != BASE64_LENGTH) {
            throw new IllegalArgumentException("invalid base64 in digest '" + abbreviate(original)
                    + "': 32 bytes are 44 padded base64 characters");
        }
        return new B3Digest(decoded);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into {@code target}. */
    public void writeTo(ByteBuffer target) {
        target.put(bytes);
    }

    /** Lower-case hex, 64 characters. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** tvix's text form, {@code b3:} + padded standard base64. */
    public String toTvixString() {
        return TVIX_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** snix's text form, {@code blake3-} + padded standard base64. */
    public String toSnixString() {
        return SNIX_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** snix's text form. */
    @Override
    public String toString() {
        return toSnixString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof B3Digest other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(B3Digest o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
