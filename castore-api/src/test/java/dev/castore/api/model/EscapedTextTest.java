package dev.castore.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The escaping of names and targets: exact outputs for every class of byte it treats. */
class EscapedTextTest {

    private static String of(String utf8) {
        return EscapedText.of(utf8.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void printableAsciiAndUnicodeStayAsTheyAre() {
        assertEquals("hello world.txt", of("hello world.txt"));
        assertEquals("grüße 日本 🎉", of("grüße 日本 🎉"));
    }

    @Test
    void backslashAndTheCommonControlsAreCStyle() {
        assertEquals("a\\\\b", of("a\\b"));
        assertEquals("a\\tb\\nc\\rd", of("a\tb\nc\rd"));
    }

    @Test
    void otherControlsAreHexBytes() {
        assertEquals("\\x1b[31mred\\x1b[0m", of("\u001b[31mred\u001b[0m"));
        assertEquals("\\x00\\x07\\x7f", of("\u0000\u0007\u007f"));
        // C1 CSI, as UTF-8: two bytes.
        assertEquals("\\xc2\\x9b2J", of("\u009b2J"));
    }

    @Test
    void lineSeparatorsAndBidiOverridesAreHexBytes() {
        assertEquals("a\\xe2\\x80\\xa8b", of("a\u2028b"));
        assertEquals("\\xe2\\x80\\xaetxt.exe", of("\u202etxt.exe"));
        assertEquals("\\xe2\\x81\\xa6x\\xe2\\x81\\xa9", of("\u2066x\u2069"));
    }

    @Test
    void bytesThatAreNotUtf8AreHexBytes() {
        assertEquals("a\\xffb", EscapedText.of(new byte[] {'a', (byte) 0xff, 'b'}));
        // A truncated sequence, then valid text.
        assertEquals("\\xe6\\x97x", EscapedText.of(new byte[] {(byte) 0xe6, (byte) 0x97, 'x'}));
        // An encoded surrogate (CESU) and an overlong slash are not UTF-8.
        assertEquals("\\xed\\xa0\\x80", EscapedText.of(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        assertEquals("\\xc0\\xaf", EscapedText.of(new byte[] {(byte) 0xc0, (byte) 0xaf}));
    }

    @Test
    void aLiteralBackslashXDiffersFromAnEscapedByte() {
        assertEquals("\\\\x1b", of("\\x1b"));
        assertEquals("\\x1b", of("\u001b"));
    }

    @Test
    void textWithoutAnythingToEscapeIsReturnedAsIs() {
        String plain = "castore ls: directory 00ff is not in the directory service";
        assertSame(plain, EscapedText.of(plain));
        assertEquals("two\\nlines", EscapedText.of("two\nlines"));
    }

    @Test
    void escapedTextHoldsNoControls() {
        String raw = "a\u001b[2Jb\nc\u202e";
        assertEquals(true, EscapedText.hasControls(raw));
        assertEquals(false, EscapedText.hasControls(EscapedText.of(raw)));
        assertEquals(false, EscapedText.hasControls("a\\b"));
    }

    @Test
    void namesAndTargetsPrintEscaped() {
        assertEquals("evil\\n- 0 x", PathComponent.of("evil\n- 0 x").toString());
        assertEquals("\\x1b]0;title\\x07", SymlinkTarget.of("\u001b]0;title\u0007").toString());
    }
}
