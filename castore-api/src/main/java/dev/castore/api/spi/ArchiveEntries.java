package dev.castore.api.spi;

import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * What an archive import leaves out, and whom it tells. An entry whose path, or the path of a
 * directory above it, is {@code excluded} is left out (a hard link to a left-out entry too); a
 * device or FIFO entry is left out with a line to {@code warnings} when {@code skipSpecial}, else
 * it fails the import. Each regular file stored is counted through {@code stored} (its size).
 *
 * @param excluded tested with each entry's path below the archive's top, names joined by {@code /}
 *     (and with each directory above it)
 * @param skipSpecial whether devices and FIFOs are left out instead of failing the import
 * @param warnings receives one line per entry left out other than by {@code excluded}
 * @param stored receives the size of each regular file stored
 */
public record ArchiveEntries(Predicate<String> excluded, boolean skipSpecial, Consumer<String> warnings,
        LongConsumer stored) {

    /** The {@code excluded} test that leaves nothing out. */
    public static final Predicate<String> NOTHING = path -> false;

    /** Every entry kept, a device or FIFO failing the import; nothing told. */
    public static ArchiveEntries all() {
        return new ArchiveEntries(NOTHING, false, warning -> {}, size -> {});
    }

    /** Whether some entry may be left out: a test other than {@link #NOTHING}, or {@code skipSpecial}. */
    public boolean leavesOut() {
        return skipSpecial || excluded != NOTHING;
    }
}
