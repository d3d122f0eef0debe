package dev.castore.archive.tar;

import dev.castore.api.spi.ArchiveEntries;
import dev.castore.api.model.PathComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link ArchiveEntries} applied to entry paths: an entry is left out when its path or the path of
 * a directory above it is excluded, since an excluded directory goes whole even when the archive
 * holds no entry of its own for it.
 */
record EntryChoices(ArchiveEntries entries) {

    /** Whether {@code path} is left out. */
    boolean excluded(EntryPath path) {
        if (entries.excluded() == ArchiveEntries.NOTHING) {
            return false;
        }
        List<PathComponent> names = path.components();
        StringBuilder prefix = new StringBuilder();
        for (PathComponent name : names) {
            if (!prefix.isEmpty()) {
                prefix.append('/');
            }
            // Entry names are valid UTF-8 (EntryPath refuses others), so this is exactly the name.
            prefix.append(new String(name.toBytes(), StandardCharsets.UTF_8));
            if (entries.excluded().test(prefix.toString())) {
                return true;
            }
        }
        return false;
    }
}
