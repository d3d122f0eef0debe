package dev.castore.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.api.model.PathComponent;
import java.util.Arrays;

/**
 * The directory decoder and its validation on arbitrary bytes: it either rejects them with an
 * {@link InvalidDirectoryException} or yields a valid directory whose canonical encoding decodes
 * to itself, and whose digest is the BLAKE3 of the input exactly when the input was canonical.
 */
class DirectoryDecoderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void decodedDirectoriesAreValidAndReencodeCanonically(byte[] input) {
        Directory d;
        try {
            d = Directory.decode(input);
        } catch (InvalidDirectoryException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says why");
            return;
        }
        byte[] canonical = d.encode();
        assertEquals(canonical.length, d.encodedLength());
        Directory again = Directory.decode(canonical);
        assertEquals(d, again);
        assertArrayEquals(canonical, again.encode());
        assertEquals(Arrays.equals(input, canonical), d.digest().equals(Blake3.hash(input)));
        for (PathComponent name : d.entries().keySet()) {
            assertTrue(name.length() >= 1 && name.length() <= PathComponent.MAX_LENGTH);
        }
        // Rebuilding through the public builder accepts exactly what the decoder accepted.
        Directory.Builder b = Directory.builder();
        d.entries().forEach(b::add);
        assertEquals(d, b.build());
    }
}
