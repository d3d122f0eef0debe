package dev.castore.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Names, targets, entries and encodings beyond their limits are refused by the decoder and the builder. */
class DirectoryLimitsTest {

    /** A symlink entry (field 3) named {@code name} pointing at "t". */
    private static void symlinkEntry(ByteArrayOutputStream out, byte[] name, byte[] target) {
        int inner = 2 + name.length + 2 + target.length;
        out.write(0x1a);
        varint(out, inner + (name.length >= 128 ? 1 : 0) + (target.length >= 128 ? 1 : 0));
        out.write(0x0a);
        varint(out, name.length);
        out.writeBytes(name);
        out.write(0x12);
        varint(out, target.length);
        out.writeBytes(target);
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static byte[] symlinks(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            symlinkEntry(out, String.format("%06x", i).getBytes(StandardCharsets.US_ASCII), new byte[] {'t'});
        }
        return out.toByteArray();
    }

    @Test
    void aDirectoryWithTheMostEntriesDecodesAndOneMoreIsRefused() {
        assertEquals(Directory.MAX_ENTRIES, Directory.decode(symlinks(Directory.MAX_ENTRIES)).entries().size());
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class,
                () -> Directory.decode(symlinks(Directory.MAX_ENTRIES + 1)));
        assertEquals("directory has more than 1048576 entries", e.getMessage());
    }

    @Test
    void theBuilderRefusesTheEntryBeyondTheLimit() {
        Directory.Builder b = Directory.builder();
        SymlinkNode link = new SymlinkNode(SymlinkTarget.of("t"));
        for (int i = 0; i < Directory.MAX_ENTRIES; i++) {
            b.add(PathComponent.of(String.format("%06x", i)), link);
        }
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class,
                () -> b.add(PathComponent.of("one-more"), link));
        assertEquals("a directory has at most 1048576 entries", e.getMessage());
    }

    @Test
    void anEncodingLongerThanTheLimitIsRefusedBeforeParsing() {
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class,
                () -> Directory.decode(new byte[Directory.MAX_ENCODED_LENGTH + 1]));
        assertEquals("directory message of 67108865 bytes exceeds the limit of 67108864 bytes", e.getMessage());
    }

    @Test
    void namesAndTargetsAtTheirLimitsDecodeAndOneByteMoreIsRefused() {
        byte[] name255 = "n".repeat(PathComponent.MAX_LENGTH).getBytes(StandardCharsets.US_ASCII);
        byte[] target4095 = "t".repeat(SymlinkTarget.MAX_LENGTH).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        symlinkEntry(ok, name255, target4095);
        assertEquals(1, Directory.decode(ok.toByteArray()).entries().size());

        ByteArrayOutputStream longName = new ByteArrayOutputStream();
        symlinkEntry(longName, "n".repeat(256).getBytes(StandardCharsets.US_ASCII), new byte[] {'t'});
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, () -> Directory.decode(longName.toByteArray()));
        assertEquals(true, e.getMessage().contains("256 bytes, at most 255 are allowed"), e.getMessage());

        ByteArrayOutputStream longTarget = new ByteArrayOutputStream();
        symlinkEntry(longTarget, new byte[] {'l'}, "t".repeat(4096).getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(InvalidDirectoryException.class, () -> Directory.decode(longTarget.toByteArray()));
        assertEquals(true, e.getMessage().contains("at most 4095 are allowed"), e.getMessage());
    }
}
