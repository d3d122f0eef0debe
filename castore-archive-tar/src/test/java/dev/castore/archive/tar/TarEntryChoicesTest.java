package dev.castore.archive.tar;

import static dev.castore.archive.tar.TarImportTest.addFile;
import static dev.castore.archive.tar.TarImportTest.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.PathComponent;
import dev.castore.api.spi.ArchiveEntries;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** What an archive import leaves out when asked, and what it tells. */
class TarEntryChoicesTest {

    private final MemoryBlobService blobs = new MemoryBlobService();
    private final MemoryDirectoryService directories = new MemoryDirectoryService();
    private final List<String> warnings = new ArrayList<>();
    private final List<Long> stored = new ArrayList<>();

    private Directory importWith(byte[] tar, Predicate<String> excluded, boolean skipSpecial) throws IOException {
        ArchiveEntries entries = new ArchiveEntries(excluded, skipSpecial, warnings::add, stored::add);
        DirectoryNode top = new TarImporterProvider().importArchive("tar", new ByteArrayInputStream(tar), blobs,
                directories, entries);
        return directories.get(top.digest()).orElseThrow();
    }

    private static List<String> names(Directory d) {
        return d.entries().keySet().stream().map(PathComponent::toString).toList();
    }

    @Test
    void anExcludedPathIsLeftOutAndEverythingBelowAnExcludedDirectory() throws Exception {
        byte[] tar = tar(out -> {
            addFile(out, "keep.txt", "k", 0644);
            addFile(out, "build/out.o", "o", 0644);
            addFile(out, "build/deep/x", "x", 0644);
            addFile(out, "src/build.txt", "b", 0644);
        });
        Directory top = importWith(tar, path -> path.equals("build"), false);
        assertEquals(List.of("keep.txt", "src"), names(top));
        assertEquals(List.of(1L, 1L), stored);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aHardLinkToAnExcludedFileIsLeftOutWithAWarning() throws Exception {
        byte[] tar = tar(out -> {
            addFile(out, "secret", "s", 0644);
            TarArchiveEntry link = new TarArchiveEntry("alias", TarArchiveEntry.LF_LINK);
            link.setLinkName("secret");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
            addFile(out, "plain", "p", 0644);
        });
        Directory top = importWith(tar, path -> path.equals("secret"), false);
        assertEquals(List.of("plain"), names(top));
        assertEquals(List.of("skipped archive entry 'alias': a hard link to 'secret', which is excluded"), warnings);
    }

    @Test
    void devicesAndFifosAreSkippedWithAWarningWhenAsked() throws Exception {
        byte[] tar = tar(out -> {
            out.putArchiveEntry(new TarArchiveEntry("dev/null", TarArchiveEntry.LF_CHR));
            out.closeArchiveEntry();
            out.putArchiveEntry(new TarArchiveEntry("pipe", TarArchiveEntry.LF_FIFO));
            out.closeArchiveEntry();
            addFile(out, "f", "data", 0644);
        });
        Directory top = importWith(tar, ArchiveEntries.NOTHING, true);
        assertEquals(List.of("dev", "f"), names(top));
        assertEquals(List.of(), names(directories.get(((DirectoryNode) top.get(PathComponent.of("dev")).orElseThrow())
                .digest()).orElseThrow()));
        assertEquals(List.of("skipped archive entry 'dev/null': a character device",
                "skipped archive entry 'pipe': a FIFO"), warnings);
    }
}
