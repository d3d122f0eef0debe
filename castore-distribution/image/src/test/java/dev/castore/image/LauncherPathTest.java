package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher finds its image however it is started: by its path, relative or absolute, through
 * a link to it (as a command in $PATH is), a chain of links, a link to the image or to its bin/
 * directory, or by name from its own directory. {@code --version} is answered from the image's
 * lib/ without a JVM; {@code plugins} starts the JVM from the image and names the plugins
 * directory the launcher gave it, the image's.
 */
class LauncherPathTest {

    @TempDir
    Path tmp;

    private static Path script() {
        return Image.home().resolve("bin/castore").toAbsolutePath();
    }

    private static String version() throws Exception {
        return Files.readString(Image.home().resolve("lib/castore-version"));
    }

    /** Runs {@code launcher args} in {@code dir}, with the environment of the image's other tests and {@code env}. */
    private static Image.Result run(Map<String, String> env, Path dir, List<String> launcher, String... args) throws Exception {
        ProcessBuilder pb = Image.command(env, args);
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(args));
        pb.command(cmd).directory(dir.toFile());
        return Image.run(pb, 120);
    }

    private void assertFindsImage(Path dir, List<String> launcher) throws Exception {
        assertFindsImage(Map.of(), dir, launcher);
    }

    private void assertFindsImage(Map<String, String> env, Path dir, List<String> launcher) throws Exception {
        Image.Result v = run(env, dir, launcher, "--version");
        assertEquals(0, v.code(), launcher + ": " + v.err());
        assertEquals(version(), v.out(), launcher.toString());
        Image.Result p = run(env, dir, launcher, "plugins");
        assertEquals(0, p.code(), launcher + ": " + p.err());
        assertTrue(p.out().contains("plugins directory: " + Image.home().toRealPath().resolve("plugins") + "\n"),
                launcher + ": " + p.out());
    }

    @Test
    void byItsPath() throws Exception {
        assertFindsImage(tmp, List.of(script().toString()));
        Path home = script().getParent().getParent();
        assertFindsImage(home, List.of("bin/castore"));
        // A CDPATH with a bin/ of its own changes nothing (cd would look there for a relative bin/..).
        Files.createDirectories(tmp.resolve("elsewhere/bin"));
        assertFindsImage(Map.of("CDPATH", tmp.resolve("elsewhere").toString()), home, List.of("bin/castore"));
        assertFindsImage(home.resolve("bin"), List.of("./castore"));
    }

    @Test
    void byNameFromItsDirectory() throws Exception {
        assertFindsImage(script().getParent(), List.of("sh", "castore"));
    }

    @Test
    void throughLinks() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("usr/local/bin"));
        Files.createSymbolicLink(bin.resolve("castore"), script());
        assertFindsImage(tmp, List.of(bin.resolve("castore").toString()));
        // A relative link to a link, started by a relative path.
        Files.createSymbolicLink(tmp.resolve("cs"), tmp.relativize(bin.resolve("castore")));
        assertFindsImage(tmp, List.of("./cs"));
        // The image's directory linked elsewhere.
        Files.createSymbolicLink(tmp.resolve("image"), Image.home().toAbsolutePath());
        assertFindsImage(tmp, List.of("image/bin/castore"));
        // Its bin/ directory linked elsewhere: the image is what bin/.. is on disk, not beside the link.
        Files.createSymbolicLink(tmp.resolve("castore-bin"), script().getParent());
        assertFindsImage(tmp, List.of(tmp.resolve("castore-bin/castore").toString()));
    }
}
