package dev.castore.cli.ingest;

import dev.castore.cli.CliException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an import leaves out. Exclude patterns are globs as {@link java.nio.file.FileSystem#getPathMatcher}
 * reads them ({@code *}, {@code ?}, {@code [a-z]}, {@code {a,b}} within a name; {@code **} across
 * directories): a pattern without {@code /} is matched against each entry's name, one with
 * {@code /} against the entry's path below the imported directory. An excluded directory is left
 * out with everything below it. Special files (sockets, pipes, devices) cannot be stored: with
 * {@code skipSpecial} each is left out with a line to {@code warnings}, else the import fails.
 */
public final class ImportChoices {

    private final List<PathMatcher> byName = new ArrayList<>();
    private final List<PathMatcher> byPath = new ArrayList<>();
    private final boolean skipSpecial;
    private final Consumer<String> warnings;

    /** Fails with a usage error naming a malformed pattern. */
    public ImportChoices(List<String> excludes, boolean skipSpecial, Consumer<String> warnings) {
        for (String pattern : excludes) {
            String glob = pattern.endsWith("/") && pattern.length() > 1 ? pattern.substring(0, pattern.length() - 1) : pattern;
            try {
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                (glob.contains("/") ? byPath : byName).add(m);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, "--exclude '" + pattern + "' is not a valid glob: " + e.getMessage());
            }
        }
        this.skipSpecial = skipSpecial;
        this.warnings = warnings;
    }

    /** Everything is imported; a special file fails the import. */
    public static ImportChoices all() {
        return new ImportChoices(List.of(), false, w -> {});
    }

    /** Whether the entry at {@code relative} (below the imported directory) is left out. */
    boolean excluded(Path relative) {
        Path name = relative.getFileName();
        for (PathMatcher m : byName) {
            if (m.matches(name)) {
                return true;
            }
        }
        for (PathMatcher m : byPath) {
            if (m.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any exclude pattern was given. */
    boolean excludes() {
        return !byName.isEmpty() || !byPath.isEmpty();
    }

    boolean skipSpecial() {
        return skipSpecial;
    }

    void warn(String message) {
        warnings.accept(message);
    }
}
