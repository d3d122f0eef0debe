package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.testkit.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built command prints: names escaped so that a line stays a line, errors in one line
 * that name what failed, the daemon's options in its help and a warning when it is exposed.
 */
class OutputSafetyTest {

    private static final String NONE = "00".repeat(32);
    private static final Pattern LISTENING = Pattern.compile("listening on (grpc\\+https?://[^ ]+)$");

    private static void oneLine(Image.Result r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    /** A daemon on memory stores; its output lines up to the one saying where it listens. */
    private record Daemon(Process process, List<String> lines, String url) implements AutoCloseable {

        static Daemon start(String listen) throws IOException, InterruptedException {
            Process p = Image.command(Map.of(), "daemon", "--blob-service", "memory://", "--directory-service", "memory://",
                    "--listen", listen).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return new Daemon(p, lines, m.group(1));
                }
            }
            p.waitFor();
            throw new AssertionError("the daemon stopped before listening: " + lines);
        }

        String port() {
            return url.replaceAll(".*:", "");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
        }
    }

    @Test
    void namesWithControlBytesAreEscapedInListingsAndErrors(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("evil\n- 0 forged\u001b[2J"), "x");
        Files.createSymbolicLink(src.resolve("link"), Path.of("\u001b]0;title\u0007"));
        Image.Result imported = Image.run(env, "import", "--no-progress", src.toString());
        String digest = imported.digest();

        Image.Result listed = Image.run(env, "ls", digest);

        assertEquals(0, listed.code(), listed.err());
        List<String> lines = listed.out().lines().toList();
        assertEquals(2, lines.size(), listed.out());
        assertTrue(lines.get(0).endsWith(" evil\\n- 0 forged\\x1b[2J"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" link -> \\x1b]0;title\\x07"), lines.get(1));
        assertFalse(listed.out().contains("\u001b"), listed.out());

        Path dest = Files.createDirectories(tmp.resolve("out\u001b[31m"));
        Image.Result refused = Image.run(env, "export", digest, dest.toString());
        assertEquals(1, refused.code(), refused.err());
        oneLine(refused);
        assertTrue(refused.err().contains("out\\x1b[31m already exists (use --force to replace it)"), refused.err());
    }

    @Test
    void aYamlErrorIsOneLineWithItsPlace(@TempDir Path tmp) throws Exception {
        Path yaml = Files.writeString(tmp.resolve("bad.yaml"), "blobservices:\n  root:\n    type: memory\n   bad: [\n");
        Image.Result r = Image.run(Map.of(), "config", "check", yaml.toString());
        assertEquals(2, r.code(), r.err());
        oneLine(r);
        assertTrue(r.err().contains("invalid YAML: while parsing a block mapping: expected <block end>, but found"
                + " '<block mapping start>' at line 4, column 4"), r.err());
    }

    @Test
    void aServerCertificateTheClientDoesNotTrustIsOneLineSayingSo(@TempDir Path tmp) throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(tmp);
        try (Daemon daemon = Daemon.start("grpc+https://127.0.0.1:0?tls-cert-file=" + tls.certificate()
                + "&tls-key-file=" + tls.key())) {
            Image.Result untrusting = Image.run(Map.of(), "ls", "--directory-service", daemon.url(), NONE);
            assertEquals(1, untrusting.code(), untrusting.err());
            oneLine(untrusting);
            assertTrue(untrusting.err().contains("failed: UNAVAILABLE: TLS handshake failed: unable to find valid"
                    + " certification path to requested target"), untrusting.err());
            assertFalse(untrusting.err().contains("Channel Pipeline"), untrusting.err());

            Image.Result trusting = Image.run(Map.of(), "ls", "--directory-service",
                    daemon.url() + "?tls-ca-file=" + tls.certificate(), NONE);
            assertEquals(3, trusting.code(), trusting.err());
        }
    }

    @Test
    void aTokenFileThatIsADirectoryIsNamed(@TempDir Path tmp) throws Exception {
        Path directory = Files.createDirectory(tmp.resolve("token"));
        Image.Result daemon = Image.run(Map.of(), "daemon", "--blob-service", "memory://", "--directory-service",
                "memory://", "--listen", "grpc+http://127.0.0.1:0?token-file=" + directory);
        assertEquals(1, daemon.code(), daemon.err());
        oneLine(daemon);
        assertEquals("castore daemon: cannot read the token file " + directory + ": Is a directory", daemon.err().strip());

        Path config = Files.writeString(tmp.resolve("client.toml"), """
                [directoryservices.root]
                type = "grpc"
                url = "grpc+http://127.0.0.1:1"
                bearer_token_file = "%s"
                """.formatted(directory));
        Image.Result client = Image.run(Map.of(), "ls", "--config", config.toString(), NONE);
        assertEquals(1, client.code(), client.err());
        oneLine(client);
        assertTrue(client.err().endsWith("cannot read the token file " + directory + ": Is a directory\n"), client.err());
    }

    @Test
    void daemonHelpNamesTheTlsAndTokenParameters() throws Exception {
        Image.Result help = Image.run(Map.of(), "daemon", "--help");
        assertEquals(0, help.code(), help.err());
        for (String parameter : List.of("tls-cert-file=FILE", "tls-key-file=FILE", "tls-client-ca-file=FILE",
                "token-file=FILE", "grpc+https://", "grpc+unix://")) {
            assertTrue(help.out().contains(parameter), parameter + " in " + help.out());
        }
        assertTrue(help.out().lines().allMatch(l -> l.length() <= 80), help.out());
    }

    @Test
    void plainHttpBeyondLoopbackWithoutATokenIsWarnedInOneLine() throws Exception {
        try (Daemon exposed = Daemon.start("0.0.0.0:0")) {
            assertEquals(2, exposed.lines().size(), exposed.lines().toString());
            assertEquals("WARN grpc+http://0.0.0.0:0 is plain HTTP/2 beyond this host and needs no token: anyone who"
                    + " reaches it can read and write the stores; add token-file and use grpc+https, or listen on"
                    + " 127.0.0.1 or a unix socket", exposed.lines().getFirst());
        }
        try (Daemon local = Daemon.start("127.0.0.1:0")) {
            assertEquals(1, local.lines().size(), local.lines().toString());
        }
    }
}
