package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.testkit.Ports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in one line that keep their cause, exit codes as --help states them, and a clean daemon stop. */
class OneLineErrorsTest {

    private static final String DIGEST = "ab".repeat(32);

    private static void oneLine(Image.Result r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void aRefusedConnectionAsksWhetherTheDaemonRuns() throws Exception {
        int port = Ports.nothingListening();
        Image.Result r = Image.run(Map.of(), "ls", "--store", "grpc+http://127.0.0.1:" + port, DIGEST);
        assertEquals(1, r.code());
        oneLine(r);
        assertTrue(r.err().contains("connection refused: is `castore daemon` running at 127.0.0.1:" + port + "?"), r.err());
    }

    @Test
    void aHostThatDoesNotResolveIsOneLineWithoutTheLookupsStackTrace() throws Exception {
        // .invalid never resolves (RFC 6761); grpc-java's channel warned with the lookup's stack trace
        Image.Result r = Image.run(Map.of(), "ls", "--store", "grpc+http://nosuchhost.invalid:8000", DIGEST);
        assertEquals(1, r.code(), r.err());
        oneLine(r);
        assertTrue(r.err().startsWith("castore ls: "), r.err());
        assertTrue(r.err().contains("Unable to resolve host nosuchhost.invalid"), r.err());

        Image.Result verbose = Image.run(Map.of(), "ls", "--verbose", "--store", "grpc+http://nosuchhost.invalid:8000",
                DIGEST);
        assertTrue(verbose.err().contains("Failed to resolve name"), "the channel's warning with --verbose: "
                + verbose.err());
    }

    @Test
    void aUnixSocketThatIsNotThereIsNamed(@TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("castore.sock");
        Image.Result r = Image.run(Map.of(), "ls", "--store", "grpc+unix://" + socket, DIGEST);
        assertEquals(1, r.code(), r.err());
        oneLine(r);
        assertTrue(r.err().contains("failed: no socket at " + socket + ": is `castore daemon` running there?"), r.err());
    }

    @Test
    void aDirectorysDigestGivenToCatAndABlobsToLsAreNamedAsSuch(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(tmp.resolve("tree/sub/f"), "f");
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Image.Result imported = Image.run(env, "import", "-q", "--no-progress", tmp.resolve("tree").toString());
        assertEquals(0, imported.code(), imported.err());
        String root = imported.out().strip();

        Image.Result r = Image.run(env, "cat", root);
        assertEquals(2, r.code(), r.err());
        oneLine(r);
        assertEquals("castore cat: " + root + " is a directory (castore ls lists it)", r.err().strip());
        Image.Result blob = Image.run(env, "import", "-q", "--no-progress", tmp.resolve("tree/sub/f").toString());
        Image.Result ls = Image.run(env, "ls", blob.out().strip());
        assertEquals(2, ls.code(), ls.err());
        oneLine(ls);
        assertEquals("castore ls: " + blob.out().strip() + " is a blob; ls lists directories (castore cat prints a blob)",
                ls.err().strip());

        // a blob service named alone: the embedded default for directories is not opened to say so
        Map<String, String> fresh = Map.of("XDG_DATA_HOME", tmp.resolve("fresh").toString());
        Files.createDirectories(tmp.resolve("os"));
        Image.Result blobsOnly = Image.run(fresh, "cat", "--blob-service", "objectstore+file://" + tmp.resolve("os"), root);
        assertEquals(3, blobsOnly.code(), blobsOnly.err());
        oneLine(blobsOnly);
        assertTrue(blobsOnly.err().contains("is not in the blob service"), blobsOnly.err());
        assertTrue(Files.notExists(tmp.resolve("fresh/castore")), "no default store made");
    }

    @Test
    void aGrpcUrlWithoutAPortIsRejected() throws Exception {
        Image.Result r = Image.run(Map.of(), "ls", "--store", "grpc+http://127.0.0.1", DIGEST);
        assertEquals(2, r.code(), r.err());
        oneLine(r);
        assertTrue(r.err().contains("a port is required, e.g. grpc+http://127.0.0.1:8000"), r.err());
    }

    @Test
    void anUnknownUrlParameterListsWhatIsAccepted() throws Exception {
        Image.Result r = Image.run(Map.of(), "daemon", "--store", "memory://", "--listen", "grpc+http://127.0.0.1:0?tls=1");
        assertEquals(2, r.code(), r.err());
        oneLine(r);
        assertTrue(r.err().contains("unknown query parameter 'tls'; accepted: [reflection, tls-cert-file, tls-client-ca-file,"
                + " tls-key-file, token-file]"), r.err());
        Image.Result client = Image.run(Map.of(), "ls", "--store", "grpc+http://127.0.0.1:8000?tls=1", DIGEST);
        assertEquals(2, client.code(), client.err());
        assertTrue(client.err().contains("unknown query parameter 'tls'; accepted: [package, tls-ca-file, tls-cert-file,"
                + " tls-key-file, token-file, wait-connect]"), client.err());
    }

    @Test
    void verboseSuccessPrintsNoRegistryInternalsNorStackTraces(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        Image.Result r = Image.run(Map.of(), "-v", "import", "-q", "--store", "memory://", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("DEBUG"), "verbose logs: " + r.err());
        assertTrue(!r.err().contains("Registration[") && !r.err().contains("$$Lambda") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void aCorruptJarInPluginsIsListedUnderFailed(@TempDir Path tmp) throws Exception {
        Path plugins = Image.pluginsCopy(tmp);
        try {
            Files.writeString(Files.createDirectories(plugins.resolve("broken")).resolve("broken.jar"), "not a zip");
            Image.Result r = Image.run(Map.of("CASTORE_PLUGINS", plugins.toString()), "plugins");
            assertEquals(0, r.code(), r.err());
            String failed = r.out().substring(r.out().indexOf("failed:"));
            assertTrue(failed.contains("plugin broken (" + plugins.resolve("broken") + "): broken.jar is not a valid jar: "),
                    r.out());
        } finally {
            Image.unlinkPlugins(tmp);
        }
    }

    @Test
    void helpCommandAndExitCodes() throws Exception {
        Image.Result help = Image.run(Map.of(), "help", "ls");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: castore ls"), help.out());
        Image.Result main = Image.run(Map.of(), "--help");
        assertTrue(main.out().contains("Exit codes: 0 ok, 1 failed, 2 wrong usage or config, 3 not found."), main.out());
        assertEquals(2, Image.run(Map.of(), "ls", "--no-such-option", DIGEST).code());
        assertEquals(3, Image.run(Map.of(), "cat", "--store", "memory://", DIGEST).code());
    }

    @Test
    void theDaemonSaysTheAddressIsInUseAndStopsWithZeroOnSigterm(@TempDir Path tmp) throws Exception {
        Process daemon = Image.command(Map.of(), "daemon", "--store", "memory://", "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
            String line = log.readLine();
            String address = line.substring(line.indexOf("grpc+http://") + "grpc+http://".length()).strip();
            Image.Result busy = Image.run(Map.of(), "daemon", "--store", "memory://", "--listen", address);
            assertEquals(1, busy.code());
            oneLine(busy);
            assertTrue(busy.err().contains("cannot listen on grpc+http://" + address + ": address already in use (another"
                    + " daemon? pick another address with --listen HOST:PORT"), busy.err());
            // Where the C library words its errors in German (./run-tests generates the locale):
            // netty's message is "Die Adresse wird bereits verwendet"; the error's number is read.
            Image.Result german = Image.run(Map.of("LC_ALL", "de_DE.UTF-8"), "daemon", "--store", "memory://",
                    "--listen", address);
            assertTrue(german.err().contains("cannot listen on grpc+http://" + address + ": address already in use (another"
                    + " daemon?"), german.err());
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            Image.Result http = Image.run(Map.of("LC_ALL", "de_DE.UTF-8"), "serve-http", "--store", "memory://",
                    "--listen", "127.0.0.1:" + port);
            assertEquals(1, http.code());
            assertTrue(http.err().contains("cannot listen on http://127.0.0.1:" + port + "/: address already in use"),
                    http.err());
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, daemon.exitValue(), "a clean stop on SIGTERM");
    }
}
