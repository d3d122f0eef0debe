package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netty's leak detector (in grpc-java's shaded netty) is off in the commands that end soon after
 * their data has moved, and left at netty's default in the servers, which run for days; a level in
 * CASTORE_JAVA_OPTS wins over the launcher's.
 */
class LeakDetectionTest {

    private static final String PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";

    @TempDir
    Path tmp;

    /** The property as the JVM started {@code args} with it ({@code -XshowSettings:properties} prints them first). */
    private Optional<String> level(String opts, String... args) throws Exception {
        Image.Result r = Image.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_JAVA_OPTS", ("-XshowSettings:properties " + opts).strip()), args);
        assertTrue(r.err().contains("Property settings:"), r.err());
        return r.err().lines().map(String::strip).filter(l -> l.startsWith(PROPERTY + " = "))
                .map(l -> l.substring(PROPERTY.length() + 3)).findFirst();
    }

    @Test
    void commandsRunWithoutIt() throws Exception {
        // Nothing listens there: the settings are printed before the command fails to connect.
        assertEquals(Optional.of("disabled"), level("", "cat", "--blob-service", "grpc+http://127.0.0.1:1", "0".repeat(64)));
        assertEquals(Optional.of("disabled"), level("", "roots"));
    }

    @Test
    void serversKeepNettysDefault() throws Exception {
        assertEquals(Optional.empty(), level("", "daemon", "--help"));
        assertEquals(Optional.empty(), level("", "serve-http", "--help"));
    }

    @Test
    void theUsersLevelWins() throws Exception {
        assertEquals(Optional.of("paranoid"), level("-D" + PROPERTY + "=paranoid", "roots"));
    }
}
