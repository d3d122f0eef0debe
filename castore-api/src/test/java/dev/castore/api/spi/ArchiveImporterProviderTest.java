package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A provider written before entries could be left out still imports, and refuses what it cannot do. */
class ArchiveImporterProviderTest {

    private static final DirectoryNode EMPTY = DirectoryNode.of(Directory.builder().build());

    /** Implements only the four-argument import, as providers written before {@link ArchiveEntries} do. */
    private static final class Older implements ArchiveImporterProvider {
        int imports;

        @Override
        public Set<String> formats() {
            return Set.of("tar");
        }

        @Override
        public DirectoryNode importArchive(String format, InputStream archive, BlobService blobs,
                DirectoryService directories) {
            imports++;
            return EMPTY;
        }
    }

    @Test
    void choicesThatLeaveNothingOutGoToTheOlderImport() throws Exception {
        Older provider = new Older();
        assertEquals(EMPTY, provider.importArchive("tar", new ByteArrayInputStream(new byte[0]), null, null,
                ArchiveEntries.all()));
        assertEquals(1, provider.imports);
    }

    @Test
    void choicesThatLeaveEntriesOutAreRefusedByAnOlderProvider() {
        Older provider = new Older();
        for (ArchiveEntries entries : new ArchiveEntries[] {
                new ArchiveEntries(path -> path.endsWith(".o"), false, w -> {}, size -> {}),
                new ArchiveEntries(ArchiveEntries.NOTHING, true, w -> {}, size -> {})}) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> provider.importArchive("tar", new ByteArrayInputStream(new byte[0]), null, null, entries));
            assertEquals("the importer of tar archives cannot leave entries out", e.getMessage());
        }
        assertEquals(0, provider.imports);
    }
}
