package dev.castore.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.roots.NamedRoot;
import dev.castore.cli.roots.RootsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve-http} and {@code mount} take the addresses {@code ls}, {@code stat} and {@code cat} take. */
class ServedTreeTest {

    private static final String STORE = "memory://";
    private static final B3Digest SITE = B3Digest.parse("ab".repeat(32));
    private static final B3Digest OTHER = B3Digest.parse("cd".repeat(32));

    @TempDir
    Path tmp;

    private CliContext context;

    @BeforeEach
    void namedRoots() throws Exception {
        context = new CliContext(Map.of("XDG_DATA_HOME", tmp.toString(), "CASTORE_PLUGINS", "/nonexistent"),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new ByteArrayOutputStream());
        RootsFile roots = RootsFile.keyed(tmp.resolve("castore/roots"), STORE);
        roots.record(new NamedRoot("site", SITE, Instant.EPOCH, "/src/site", "host"));
        roots.record(new NamedRoot("other", OTHER, Instant.EPOCH, "/src/other", "host"));
    }

    private String serveHttp(String... args) throws Exception {
        ServeHttpCommand command = new ServeHttpCommand(context);
        new CommandLine(command).parseArgs(args);
        return command.listenUrl();
    }

    private String mount(String... args) throws Exception {
        MountCommand command = new MountCommand(context);
        new CommandLine(command).parseArgs(args);
        return command.listenUrl();
    }

    @Test
    void serveHttpTakesARootName() throws Exception {
        assertEquals("http://127.0.0.1:0?index=index.html&root=" + SITE.toHex(),
                serveHttp("--store", STORE, "--listen", "127.0.0.1:0", "site"));
    }

    @Test
    void serveHttpTakesAnUnambiguousPrefixOfANamedRoot() throws Exception {
        assertEquals("http://127.0.0.1:8080?index=index.html&root=" + OTHER.toHex(), serveHttp("--store", STORE, "cdcd"));
    }

    @Test
    void serveHttpStillTakesEveryDigestForm() throws Exception {
        assertEquals("http://127.0.0.1:8080?index=&root=" + SITE.toHex(),
                serveHttp("--store", STORE, "--index", "", SITE.toTvixString()));
        assertEquals("http://127.0.0.1:8080?index=index.html", serveHttp("--store", STORE));
    }

    @Test
    void mountTakesARootName() throws Exception {
        assertEquals("fuse:///mnt/tree?root=" + SITE.toHex(), mount("--store", STORE, "site", "/mnt/tree"));
    }

    @Test
    void mountTakesAPrefixAndEncodesTheMountpoint() throws Exception {
        assertEquals("fuse:///mnt/my%20tree?root=" + OTHER.toHex(), mount("--store", STORE, "CDCDCD", "/mnt/my tree"));
    }

    @Test
    void anUnknownNameIsAUsageErrorNamingTheForms() {
        CliException e = assertThrows(CliException.class, () -> mount("--store", STORE, "nosuch", "/mnt/tree"));
        assertEquals(CliException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid digest 'nosuch': neither 64 hex digits"), e.getMessage());
    }

    @Test
    void aPathIsWalkedInTheStore() {
        CliException e = assertThrows(CliException.class, () -> serveHttp("--store", STORE, "site:public/docs"));
        assertEquals(CliException.NOT_FOUND, e.exitCode());
        assertEquals("directory " + SITE.toHex() + " (site) is not in the directory service", e.getMessage());
    }
}
