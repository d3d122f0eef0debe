package dev.castore.api.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one escaping under which names, symlink targets and other untrusted text are shown to
 * people (terminals, logs, error messages): C-style and reversible. A backslash is {@code \\};
 * tab, newline and carriage return are {@code \t}, {@code \n}, {@code \r}; every other byte of a
 * control character (C0, DEL, the UTF-8 of C1 controls), of a line or paragraph separator
 * (U+2028, U+2029) or of a bidirectional formatting character (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069), and every byte that is not part of valid UTF-8, is
 * {@code \xNN} (two lower-case hex digits). Everything else is the UTF-8 text itself. So escaped
 * text is one line, cannot move the cursor or reorder what follows, and maps back to exactly one
 * byte string.
 */
public final class EscapedText {

    private EscapedText() {}

    /** {@code bytes} (usually, but not necessarily, UTF-8) escaped. */
    public static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(Math.max(16, bytes.length));
        while (true) {
            CoderResult result = decoder.decode(in, chars, true);
            chars.flip();
            appendText(out, chars);
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    appendByte(out, in.get());
                }
            } else if (result.isUnderflow()) {
                return out.toString();
            }
        }
    }

    /** {@code text} escaped: the escaping of its UTF-8 bytes. */
    public static String of(String text) {
        return needsNoEscape(text) ? text : of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code text} holds a character that this escaping writes as {@code \t}, {@code \n},
     * {@code \r} or {@code \xNN}: a control, separator or formatting character. Text that was
     * escaped already holds none.
     */
    public static boolean hasControls(String text) {
        return text.codePoints().anyMatch(cp -> cp == '\t' || cp == '\n' || cp == '\r' || escaped(cp));
    }

    private static boolean needsNoEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void appendText(StringBuilder out, CharBuffer chars) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            int cp = c;
            if (Character.isHighSurrogate(c) && chars.hasRemaining()) {
                cp = Character.toCodePoint(c, chars.get());
            }
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (escaped(cp)) {
                        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                            appendByte(out, b);
                        }
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
    }

    private static boolean escaped(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
                || cp == 0x061c || cp == 0x200e || cp == 0x200f
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static void appendByte(StringBuilder out, byte b) {
        out.append("\\x").append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
}
