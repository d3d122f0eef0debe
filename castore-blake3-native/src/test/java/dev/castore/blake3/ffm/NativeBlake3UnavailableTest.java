package dev.castore.blake3.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without its library, or with a file that is no library, the provider says why in one line and
 * the api hashes with the portable implementation; asking for it by name is then an error that
 * says why. Each case in a JVM of its own, since the library is loaded once per JVM.
 */
class NativeBlake3UnavailableTest {

    @Test
    void aMissingLibraryFallsBackWithAReason(@TempDir Path dir) throws Exception {
        String out = run(dir.resolve("nothing.so").toString(), "");
        assertTrue(out.startsWith("portable\n"), out);
        assertTrue(out.contains("native: its library " + dir.resolve("nothing.so") + " is missing"), out);
    }

    @Test
    void aFileThatIsNoLibraryFallsBackWithAReason(@TempDir Path dir) throws Exception {
        Path notALibrary = java.nio.file.Files.writeString(dir.resolve("libcastore-blake3.so"), "not ELF");
        String out = run(notALibrary.toString(), "");
        // (The JVM may warn about the file on its own line before.)
        assertTrue(out.lines().toList().contains("portable"), out);
        assertTrue(out.contains("native: its library " + notALibrary + " cannot be loaded: "), out);
    }

    @Test
    void askedForByNameWithoutItsLibraryIsAnErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        String out = run(dir.resolve("nothing.so").toString(), "native");
        assertTrue(out.contains("IllegalStateException: the BLAKE3 implementation 'native' (-Dcastore.blake3) cannot"
                + " run here: its library " + dir.resolve("nothing.so") + " is missing"), out);
    }

    /** What {@link Probe} prints in a JVM with {@code library} as the library and {@code wanted} as the choice. */
    private static String run(String library, String wanted) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // On the class path, the tests' module path included: the api finds the provider
                // through META-INF/services.
                "-cp", System.getProperty("jdk.module.path", "") + java.io.File.pathSeparator
                        + System.getProperty("java.class.path"),
                "-D" + NativeBlake3.LIBRARY_PROPERTY + "=" + library));
        if (!wanted.isEmpty()) {
            command.add("-Dcastore.blake3=" + wanted);
        }
        command.add(Probe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(wanted.isEmpty() ? 0 : 1, p.exitValue(), out);
        return out;
    }
}
