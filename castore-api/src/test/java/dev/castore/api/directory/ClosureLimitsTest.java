package dev.castore.api.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.CorruptDataException;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import dev.castore.api.model.SizeFormula;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A closure is refused once it has more directories, or more bytes of them, than the limits allow. */
class ClosureLimitsTest {

    /** A chain: each directory holds the one before it, with a name that makes it distinct. */
    private static List<Directory> chain(int n) {
        List<Directory> out = new ArrayList<>();
        Directory d = Directory.builder().symlink("s", "t").build();
        out.add(d);
        for (int i = 1; i < n; i++) {
            d = Directory.builder().directory("d" + i, d).build();
            out.add(d);
        }
        return out;
    }

    @Test
    void theDocumentedLimitsAreTheDefaults() {
        assertEquals(1_048_576, DirectoryGraph.MAX_DIRECTORIES);
        assertEquals(268_435_456L, DirectoryGraph.MAX_BYTES);
        assertEquals(1_048_576, Directory.MAX_ENTRIES);
        assertEquals(67_108_864, Directory.MAX_ENCODED_LENGTH);
    }

    @Test
    void aPutterRefusesTheDirectoryBeyondTheDirectoryLimit() {
        DirectoryGraph graph = new DirectoryGraph(SizeFormula.TVIX_COMPAT, 3, Long.MAX_VALUE);
        List<Directory> dirs = chain(4);
        for (int i = 0; i < 3; i++) {
            graph.add(dirs.get(i));
        }
        graph.add(dirs.get(2)); // a repeat is not counted
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, () -> graph.add(dirs.get(3)));
        assertEquals("closure exceeds the limit of 3 directories", e.getMessage());
    }

    @Test
    void aPutterRefusesTheDirectoryBeyondTheByteLimit() {
        List<Directory> dirs = chain(3);
        long first2 = dirs.get(0).encodedLength() + dirs.get(1).encodedLength();
        DirectoryGraph graph = new DirectoryGraph(SizeFormula.TVIX_COMPAT, 100, first2);
        graph.add(dirs.get(0));
        graph.add(dirs.get(1));
        InvalidDirectoryException e = assertThrows(InvalidDirectoryException.class, () -> graph.add(dirs.get(2)));
        assertEquals("closure exceeds the limit of " + first2 + " bytes of directories", e.getMessage());
    }

    @Test
    void aReaderRefusesAClosureBeyondTheLimits() throws Exception {
        List<Directory> dirs = chain(4).reversed();
        RootFirstVerifier byCount = new RootFirstVerifier(dirs.getFirst().digest(), SizeFormula.TVIX_COMPAT, 3, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            byCount.accept(dirs.get(i));
        }
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> byCount.accept(dirs.get(3)));
        assertEquals("closure of " + dirs.getFirst().digest().toHex() + " exceeds the limit of 3 directories", e.getMessage());

        RootFirstVerifier byBytes = new RootFirstVerifier(dirs.getFirst().digest(), SizeFormula.TVIX_COMPAT, 100,
                dirs.getFirst().encodedLength());
        byBytes.accept(dirs.getFirst());
        e = assertThrows(CorruptDataException.class, () -> byBytes.accept(dirs.get(1)));
        assertEquals("closure of " + dirs.getFirst().digest().toHex() + " exceeds the limit of "
                + dirs.getFirst().encodedLength() + " bytes of directories", e.getMessage());
    }
}
