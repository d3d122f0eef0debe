package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines load the default store's plugin, and open the store, ahead of the command. */
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

    private static boolean opensAhead(String line, Map<String, String> env) {
        String[] args = line.split(" ");
        return DefaultStorePreload.opensDefaultStore(args, env) && DefaultStorePreload.readsExistingDefaultStore(args, env);
    }

    private static Map<String, String> existingStore(Path data) throws IOException {
        Path store = Files.createDirectories(data.resolve("castore").resolve("rocksdb"));
        Files.writeString(store.resolve("CURRENT"), "MANIFEST-000001\n");
        return Map.of("XDG_DATA_HOME", data.toString());
    }

    @Test
    void theCommandsThatReadAnExistingDefaultStoreOpenItAhead(@TempDir Path tmp) throws IOException {
        Map<String, String> env = existingStore(tmp);
        for (String line : List.of("ls abc", "-v ls -r abc", "ls --json abc", "stat abc", "cat abc", "export abc out")) {
            assertEquals(true, opensAhead(line, env), line);
        }
    }

    @Test
    void writersHelpTracingAndAMissingStoreOpenNothingAhead(@TempDir Path tmp) throws IOException {
        Map<String, String> env = existingStore(tmp);
        for (String line : List.of("import dir", "ls --help", "ls -h", "cat --version abc", "ls --store memory:// abc",
                "roots", "copy --to memory:// abc")) {
            assertEquals(false, opensAhead(line, env), line);
        }
        assertEquals(false, opensAhead("ls abc", Map.of("XDG_DATA_HOME", tmp.toString(),
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")));
        // No store yet: the command creates it, or fails on its command line without creating anything.
        Path empty = tmp.resolve("empty");
        assertEquals(false, opensAhead("ls abc", Map.of("XDG_DATA_HOME", empty.toString())));
        assertEquals(false, Files.exists(empty));
    }
}
