package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher answers --version without a JVM, with the very line the JVM prints. */
class VersionTest {

    @Test
    void theLauncherAnswersWithTheLineTheCommandPrints() throws Exception {
        Image.Result launcher = Image.run(Map.of(), "--version");
        assertEquals(0, launcher.code(), launcher.err());
        Process jvm = new ProcessBuilder(Image.home().resolve("bin/java").toString(), "-m",
                "dev.castore.cli/dev.castore.cli.Main", "--version").redirectErrorStream(true).start();
        String fromJvm = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jvm.waitFor());
        assertEquals(fromJvm, launcher.out());
        assertTrue(launcher.out().matches("castore \\S+ \\(Java 25[^)]*\\)\n"), launcher.out());
        assertEquals(Files.readString(Image.home().resolve("lib/castore-version")), launcher.out());
    }
}
