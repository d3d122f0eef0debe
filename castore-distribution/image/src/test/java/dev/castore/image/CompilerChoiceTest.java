package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher compiles with C1 alone for the commands that read a few records and print them,
 * and with both compilers for those whose work grows with the data (import, cat, export, the daemon).
 */
class CompilerChoiceTest {

    private static final Pattern TIERED_STOP = Pattern.compile("intx TieredStopAtLevel += (\\d+) ");

    @Test
    void listingCommandsStopAtC1(@TempDir Path tmp) throws Exception {
        assertEquals("1", tieredStop(tmp, "roots"));
        assertEquals("1", tieredStop(tmp, "--plugins", Image.home().resolve("plugins").toString(), "-v", "plugins"));
    }

    @Test
    void commandsThatMoveDataUseC2(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "abc");
        assertEquals("4", tieredStop(tmp, "import", "-q", "--store", "memory://", file.toString()));
        assertEquals("4", tieredStop(tmp, "cat", "--store", "memory://", "0".repeat(64)));
    }

    /** The TieredStopAtLevel the JVM ran the command with (-XX:+PrintFlagsFinal prints it on stdout first). */
    private static String tieredStop(Path tmp, String... args) throws Exception {
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_JAVA_OPTS", "-XX:+PrintFlagsFinal"), args);
        Matcher m = TIERED_STOP.matcher(r.out());
        if (!m.find()) {
            throw new AssertionError("no TieredStopAtLevel in the output of " + String.join(" ", args) + ": " + r.err());
        }
        return m.group(1);
    }
}
