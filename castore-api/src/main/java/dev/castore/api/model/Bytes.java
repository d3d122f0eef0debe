package dev.castore.api.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Rendering of byte strings that are usually, but not always, UTF-8. */
final class Bytes {

    private Bytes() {}

    /** UTF-8 when the bytes are valid UTF-8, else the valid parts with \xNN escapes. */
    static String display(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f && b != '\\') {
                    sb.append((char) b);
                } else {
                    sb.append(String.format("\\x%02x", b & 0xff));
                }
            }
            return sb.toString();
        }
    }
}
