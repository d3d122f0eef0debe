package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon on a Unix socket, as a local service is set up, and the command through it: each side
 * prints what it has to say and nothing else. grpc-java asks every connection for TCP keep-alive,
 * which a Unix socket does not have, and netty warned about it on both sides of each connection.
 */
class UnixSocketTest {

    @Test
    void importAndCatThroughAUnixSocketSayNothingButTheirResults(@TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("castore.sock");
        Path file = Files.writeString(tmp.resolve("f"), "through a unix socket");
        String url = "grpc+unix://" + socket;
        try (ImageDaemon daemon = ImageDaemon.listen(url, Map.of(), "--store", "memory://")) {
            assertEquals(url, daemon.url());
            Map<String, String> env = Map.of("CASTORE_STORE", url);
            Image.Result imported = Image.run(env, "import", file.toString());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.err().startsWith("imported 1 file, 21 B in "), imported.err());
            assertEquals(1, imported.err().lines().count(), imported.err());

            Image.Result cat = Image.run(env, "cat", imported.digest());
            assertEquals(0, cat.code(), cat.err());
            assertEquals("through a unix socket", cat.out());
            assertEquals("", cat.err());

            daemon.close();
            assertEquals(List.of(), daemon.laterLines(), "the daemon's log after it said where it listens");
        }
        assertTrue(Files.notExists(socket), "the daemon removes its socket when it stops");
    }
}
