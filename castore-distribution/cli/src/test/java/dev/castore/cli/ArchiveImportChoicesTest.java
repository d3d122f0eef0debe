package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --archive} honours the choices a tree import takes: {@code --name}, {@code --json},
 * {@code --exclude} (on entry paths) and {@code --skip-special}; an archive made of a directory by
 * GNU tar imports as that directory does.
 */
class ArchiveImportChoicesTest {

    private static final String STORE = "memory://";

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private Path src;

    @BeforeEach
    void tree() throws IOException {
        env = Map.of("CASTORE_PLUGINS", "/nonexistent", "XDG_DATA_HOME", tmp.resolve("data").toString());
        src = Files.createDirectories(tmp.resolve("src/build/deep"));
        src = tmp.resolve("src");
        Files.writeString(src.resolve("build/deep/out.o"), "object");
        Files.createDirectories(src.resolve("keep/build"));
        Files.writeString(src.resolve("keep/build/x.txt"), "x");
        Files.writeString(src.resolve("keep/a.o"), "o");
        Files.writeString(src.resolve("keep/a.c"), "c source");
    }

    private Path archive() throws Exception {
        Path archive = tmp.resolve("src.tar");
        run("tar", "--format=pax", "-cf", archive.toString(), "-C", src.toString(), ".");
        return archive;
    }

    private Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--store", STORE, "--no-progress"));
        return Cli.run(env, all.toArray(String[]::new));
    }

    @Test
    void excludePatternsApplyToEntryPathsAsToPathsBelowADirectory() throws Exception {
        Path archive = archive();
        for (List<String> excludes : List.of(List.of("--exclude", "*.o", "--exclude", "build/"),
                List.of("--exclude", "keep/build"), List.of("--exclude", "keep/*.{c,o}"))) {
            List<String> args = new ArrayList<>(List.of("import", "-q"));
            args.addAll(excludes);
            Cli.Result tree = cli(concat(args, src.toString()));
            Cli.Result fromArchive = cli(concat(args, "--archive", archive.toString()));
            assertEquals(0, fromArchive.code(), fromArchive.err());
            assertEquals(tree.out(), fromArchive.out(), String.join(" ", excludes));
        }
        assertTrue(!cli("import", "-q", src.toString()).out().equals(cli("import", "-q", "--exclude", "*.o",
                "--archive", archive.toString()).out()), "an exclude changes the digest");
    }

    @Test
    void jsonIsTheDocumentATreeImportPrints() throws Exception {
        Cli.Result tree = cli("import", "--json", src.toString());
        Cli.Result fromArchive = cli("import", "--json", "--archive", archive().toString());
        assertEquals(0, fromArchive.code(), fromArchive.err());
        String expected = tree.out().replaceFirst("\"seconds\":[0-9.E-]+", "").replace(src.toString(), "ARCHIVE");
        String actual = fromArchive.out().replaceFirst("\"seconds\":[0-9.E-]+", "").replace(archive().toString(), "ARCHIVE");
        assertEquals(expected, actual);
        assertTrue(actual.contains(",\"files\":4,\"bytes\":16,"), actual);
    }

    @Test
    void nameRecordsTheArchivesRoot() throws Exception {
        Path archive = archive();
        Cli.Result imported = cli("import", "-q", "--name", "site", "--archive", archive.toString());
        assertEquals(0, imported.code(), imported.err());
        Cli.Result roots = Cli.run(env, "roots", "--store", STORE, "--json");
        assertEquals(0, roots.code(), roots.err());
        assertTrue(roots.out().startsWith("{\"name\":\"site\",\"digest\":\"" + imported.out().strip() + "\","), roots.out());
        assertTrue(roots.out().contains("\"source\":\"" + archive + "\""), roots.out());
    }

    @Test
    void aFifoFailsTheImportUnlessSkippedWithAWarning() throws Exception {
        run("mkfifo", src.resolve("keep/pipe").toString());
        Path archive = archive();
        Cli.Result failed = cli("import", "--archive", archive.toString());
        assertEquals(1, failed.code(), failed.err());
        assertEquals("castore import: archive entry './keep/pipe': a FIFO; castore stores only regular files, directories"
                + " and symlinks\n", failed.err());
        Cli.Result skipped = cli("import", "-q", "--skip-special", "--archive", archive.toString());
        assertEquals(0, skipped.code(), skipped.err());
        assertEquals("castore import: skipped archive entry './keep/pipe': a FIFO\n", skipped.err());
        Files.delete(src.resolve("keep/pipe"));
        assertEquals(cli("import", "-q", src.toString()).out(), skipped.out());
    }

    @Test
    void quietAndJsonTogetherAreRefused() throws Exception {
        Cli.Result r = cli("import", "-q", "--json", "--archive", archive().toString());
        assertEquals(2, r.code());
        assertEquals("castore import: give -q or --json, not both\n", r.err());
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
