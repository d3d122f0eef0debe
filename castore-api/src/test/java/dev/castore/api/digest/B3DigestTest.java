package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class B3DigestTest {

    private static final String HEX = "5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c";

    @Test
    void formatsEveryTextFormOfTheSpec() {
        B3Digest d = B3Digest.fromHex(HEX);
        assertEquals(HEX, d.toHex());
        assertEquals("b3:XKeBWty0hOmhNsEe/mnB1TAXbVSbXRjQOOtSgLSzRww=", d.toTvixString());
        assertEquals("blake3-XKeBWty0hOmhNsEe/mnB1TAXbVSbXRjQOOtSgLSzRww=", d.toSnixString());
        assertEquals("blake3-rxNJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI=", Blake3.hash(new byte[0]).toString());
    }

    @Test
    void parsesEveryTextForm() {
        B3Digest d = B3Digest.fromHex(HEX);
        assertEquals(d, B3Digest.parse(HEX));
        assertEquals(d, B3Digest.parse(HEX.toUpperCase()));
        assertEquals(d, B3Digest.parse("b3:XKeBWty0hOmhNsEe/mnB1TAXbVSbXRjQOOtSgLSzRww="));
        assertEquals(d, B3Digest.parse("blake3-XKeBWty0hOmhNsEe/mnB1TAXbVSbXRjQOOtSgLSzRww="));
    }

    @Test
    void errorsSayWhatWasWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.of(new byte[31]))
                .getMessage().startsWith("invalid digest length: 31"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("sha256-abc"))
                .getMessage().startsWith("invalid hash type"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("blake3-XKeB!ty0hOmhNsEe/mnB1TAXbVSbXRjQOOtSgLSzRww="))
                .getMessage().contains("invalid base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("blake3-AAAA"))
                .getMessage().contains("invalid digest length: 3 bytes"));
        String hexAfterPrefix = assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("blake3-" + HEX.toUpperCase()))
                .getMessage();
        assertTrue(hexAfterPrefix.startsWith("invalid digest length: 48 bytes"), hexAfterPrefix);
        assertTrue(hexAfterPrefix.endsWith("a hex digest goes bare, " + HEX + ")"), hexAfterPrefix);
        assertFalse(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("b3:" + "Z".repeat(64)))
                .getMessage().contains("hex"), "64 base64 characters that are not all hex digits get no hint");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("z".repeat(64)))
                .getMessage().contains("only 0-9 and a-f"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> B3Digest.parse("abc"))
                .getMessage().contains("expected 64 hex digits"));
    }

    @Test
    void ordersByUnsignedBytes() {
        B3Digest low = B3Digest.fromHex("00".repeat(32));
        B3Digest high = B3Digest.fromHex("ff" + "00".repeat(31));
        assertTrue(low.compareTo(high) < 0);
    }
}
