package dev.castore.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is skipped only while its identity is unchanged; the cache survives a save and load. */
class FilesCacheTest {

    @TempDir
    Path tmp;

    private static final B3Digest DIGEST = Blake3.hash(new byte[] {7});

    private Path file(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    /** An import start well after the test's files were written, so their times count as settled. */
    private static long later() {
        return (System.currentTimeMillis() + 10_000) * 1_000_000L;
    }

    private static FilesCache reopened(FilesCache cache, Path file) throws Exception {
        cache.save();
        return FilesCache.open(file, later());
    }

    /** What {@code cache} (saved to {@code file}) loads as after it recorded {@code f} as {@code id}. */
    private static FilesCache reopenedAfterRecording(FilesCache cache, Path file, Path f, FileIdentity id) throws Exception {
        cache.record(f, id, DIGEST);
        return reopened(cache, file);
    }

    @Test
    void anUnchangedFileIsFoundAfterSaveAndLoad() throws Exception {
        Path f = file("a", "hello");
        Path cacheFile = tmp.resolve("cache/files");
        FilesCache next = reopenedAfterRecording(FilesCache.open(cacheFile, later()), cacheFile, f, FileIdentity.of(f));
        assertEquals(Optional.of(DIGEST), next.lookup(f, FileIdentity.of(f)));
    }

    @Test
    void aFileChangedInPlaceWithItsSizeAndMtimeRestoredIsNotFound() throws Exception {
        Path f = file("a", "hello");
        Path cacheFile = tmp.resolve("files");
        FileIdentity before = FileIdentity.of(f);
        FilesCache next = reopenedAfterRecording(FilesCache.open(cacheFile, later()), cacheFile, f, before);

        Thread.sleep(20);
        Files.writeString(f, "jello");
        Files.setLastModifiedTime(f, FileTime.from(before.mtimeNanos(), java.util.concurrent.TimeUnit.NANOSECONDS));
        FileIdentity after = FileIdentity.of(f);
        assertEquals(before.size(), after.size());
        assertEquals(before.mtimeNanos(), after.mtimeNanos());
        assertNotEquals(before.ctimeNanos(), after.ctimeNanos(), "writing changes the change time");
        assertEquals(Optional.empty(), next.lookup(f, after));
    }

    @Test
    void aFileChangedJustBeforeTheImportIsNotRemembered() throws Exception {
        Path f = Files.writeString(tmp.resolve("fresh"), "just written");
        Path cacheFile = tmp.resolve("files");
        FilesCache next = reopenedAfterRecording(FilesCache.open(cacheFile), cacheFile, f, FileIdentity.of(f));
        assertEquals(Optional.empty(), next.lookup(f, FileIdentity.of(f)),
                "its times lie within the timestamp granularity of the read: a later change could keep them");
    }

    @Test
    void entriesNotSeenInAnImportAreDropped() throws Exception {
        Path a = file("a", "a");
        Path b = file("b", "b");
        Path cacheFile = tmp.resolve("files");
        FilesCache first = FilesCache.open(cacheFile, later());
        first.record(a, FileIdentity.of(a), DIGEST);
        first.record(b, FileIdentity.of(b), DIGEST);
        FilesCache second = reopened(first, cacheFile);
        assertEquals(Optional.of(DIGEST), second.lookup(a, FileIdentity.of(a)));
        FilesCache third = reopened(second, cacheFile);
        assertEquals(Optional.of(DIGEST), third.lookup(a, FileIdentity.of(a)));
        assertEquals(Optional.empty(), third.lookup(b, FileIdentity.of(b)));
    }

    @Test
    void aDamagedCacheFileIsIgnored() throws Exception {
        Path f = file("a", "a");
        Path cacheFile = Files.write(tmp.resolve("files"), new byte[] {0x43, 0x53, 0x46, 0x43, 0, 0, 0, 1, 0, 0, 0, 9, 0});
        assertEquals(Optional.empty(), FilesCache.open(cacheFile).lookup(f, FileIdentity.of(f)));
        Files.write(cacheFile, new byte[] {1, 2, 3});
        assertEquals(Optional.empty(), FilesCache.open(cacheFile).lookup(f, FileIdentity.of(f)));
    }
}
