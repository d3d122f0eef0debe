package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines load the default store's plugin ahead of the command. */
class DefaultStorePreloadTest {

    private static boolean preloads(String line, Map<String, String> env) {
        return DefaultStorePreload.opensDefaultStore(line.isEmpty() ? new String[0] : line.split(" "), env);
    }

    @Test
    void theCommandsOnTheDefaultStorePreloadIt() {
        for (String line : List.of("ls abc", "-v ls -r abc", "stat abc", "cat abc", "export abc out", "import dir")) {
            assertEquals(true, preloads(line, Map.of()), line);
        }
    }

    @Test
    void otherCommandsAndChosenStoresOrPluginsDoNot() {
        for (String line : List.of("", "plugins", "daemon", "roots", "copy --to memory:// abc", "ls --store memory:// abc",
                "ls -s memory:// abc", "ls --store=memory:// abc", "ls --config c.toml abc", "cat --blob-service memory:// abc",
                "ls --directory-service memory:// abc", "--plugins /p ls abc", "help ls")) {
            assertEquals(false, preloads(line, Map.of()), line);
        }
    }

    @Test
    void aStoreChosenInTheEnvironmentKeepsItFromPreloading() {
        for (String name : List.of("CASTORE_STORE", "CASTORE_BLOB_SERVICE", "CASTORE_DIRECTORY_SERVICE")) {
            assertEquals(false, preloads("ls abc", Map.of(name, "memory://")), name);
        }
        assertEquals(true, preloads("ls abc", Map.of("CASTORE_STORE", " ")));
    }
}
