package dev.castore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line messages a shell user sees; config check and graph. */
class CommandLineTest {

    private static void oneLine(Cli.Result r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void malformedDigestIsAUsageError() {
        Cli.Result r = Cli.run("cat", "--blob-service", "memory://", "xyz");
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().startsWith("castore cat: invalid digest 'xyz'"), r.err());
    }

    @Test
    void controlBytesInAnArgumentAreEscapedInTheError() {
        Cli.Result r = Cli.run("ls", "--directory-service", "memory://", "ab\u001b[2J\nforged");
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().startsWith("castore ls: invalid digest 'ab\\x1b[2J\\nforged'"), r.err());
        assertFalse(r.err().contains("\u001b"), r.err());
    }

    @Test
    void malformedYamlIsOneLine(@TempDir Path tmp) throws Exception {
        Path yaml = Files.writeString(tmp.resolve("bad.yaml"), "blobservices:\n  root:\n    type: memory\n   bad: [\n");
        Cli.Result r = Cli.run("config", "check", yaml.toString());
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().contains("invalid YAML: while parsing a block mapping: expected <block end>"), r.err());
    }

    @Test
    void daemonHelpNamesTheListenUrlParameters() {
        Cli.Result r = Cli.run("daemon", "--help");
        assertEquals(0, r.code(), r.err());
        for (String p : List.of("tls-cert-file=FILE", "tls-key-file=FILE", "tls-client-ca-file=FILE", "token-file=FILE")) {
            assertTrue(r.out().contains(p), p + " in " + r.out());
        }
    }

    @Test
    void missingBlobIsNotFound() {
        Cli.Result r = Cli.run("cat", "--blob-service", "memory://", "00".repeat(32));
        assertEquals(3, r.code());
        oneLine(r);
        assertTrue(r.err().contains("is not in the blob service"), r.err());
    }

    @Test
    void defaultStoreWithoutPluginSaysWhatToDo() {
        Cli.Result r = Cli.run("ls", "00".repeat(32));
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().contains("needs the rocksdb plugin"), r.err());
    }

    @Test
    void instanceNameWithoutConfigIsAUsageError() {
        Cli.Result r = Cli.run("cat", "--blob-service", "root", "00".repeat(32));
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().contains("needs --config FILE"), r.err());
    }

    @Test
    void unknownUrlTypeNamesTheKnownTypes() {
        Cli.Result r = Cli.run("cat", "--blob-service", "nosuch://x", "00".repeat(32));
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().contains("nosuch") && r.err().contains("memory"), r.err());
    }

    @Test
    void unknownOptionIsOneLine() {
        Cli.Result r = Cli.run("import", "--frobnicate", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--frobnicate"), r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void pluginsListsTheImageProvidersAndBlake3() {
        Cli.Result r = Cli.run("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dev.castore.store.memory"), r.out());
        assertTrue(r.out().contains("blob: combined"), r.out());
        assertTrue(r.out().contains("BLAKE3: "), r.out());
    }

    @Test
    void configCheckAcceptsAValidComposition(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.toml"), """
                [blobservices.root]
                type = "combined"
                near = "cache"
                far = "memory://"
                [blobservices.cache]
                type = "memory"
                [directoryservices.root]
                type = "memory"
                """);
        Cli.Result r = Cli.run("config", "check", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok (2 blob services, 1 directory services)"), r.out());
    }

    @Test
    void configCheckFindsCyclesAndDanglingReferences(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.json"), """
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "missing"},
                  "a": {"type": "combined", "near": "root", "far": "memory://"}
                }}
                """);
        Cli.Result r = Cli.run("config", "check", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'missing', which the composition does not have"), r.err());
        assertTrue(r.err().contains("cycle: blob 'root' -> blob 'a' -> blob 'root'"), r.err());
    }

    @Test
    void configCheckFollowsAChainOfAHundredThousandInstances(@TempDir Path tmp) throws Exception {
        StringBuilder json = new StringBuilder("{\"blobservices\": {\"root\": {\"type\": \"combined\", \"near\": \"b1\", \"far\": \"memory://\"}");
        for (int i = 1; i < 100_000; i++) {
            json.append(", \"b").append(i).append("\": {\"type\": \"combined\", \"near\": \"")
                    .append(i == 99_999 ? "b50000" : "b" + (i + 1)).append("\", \"far\": \"memory://\"}");
        }
        Path f = Files.writeString(tmp.resolve("chain.json"), json.append("}}").toString());
        Cli.Result r = Cli.run("config", "check", f.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(": cycle: blob 'b50000' -> blob 'b50001' -> "), r.err().substring(0, 200));
        assertTrue(r.err().contains(" -> blob 'b99999' -> blob 'b50000'\n"), r.err().substring(0, 200));
        assertEquals(2, r.err().lines().count());
    }

    @Test
    void configCheckNamesAnUnknownField(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), """
                blobservices:
                  root:
                    type: memory
                    colour: blue
                """);
        Cli.Result r = Cli.run("config", "check", f.toString());
        assertEquals(2, r.code());
        oneLine(r);
        assertTrue(r.err().contains("unknown field 'colour'"), r.err());
    }

    @Test
    void configGraphPrintsDotAndMermaid(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.toml"), """
                [directoryservices.root]
                type = "cache"
                near = "mem"
                far = "mem2"
                [directoryservices.mem]
                type = "memory"
                [directoryservices.mem2]
                type = "memory"
                """);
        Cli.Result dot = Cli.run("config", "graph", f.toString());
        assertEquals(0, dot.code(), dot.err());
        assertTrue(dot.out().startsWith("digraph composition {"), dot.out());
        assertTrue(dot.out().contains("directory_root -> directory_mem [label=\"near\"];"), dot.out());
        Cli.Result mermaid = Cli.run("config", "graph", "--format", "mermaid", f.toString());
        assertEquals(0, mermaid.code(), mermaid.err());
        assertTrue(mermaid.out().startsWith("flowchart LR"), mermaid.out());
        assertTrue(mermaid.out().contains("directory_root -->|far| directory_mem2"), mermaid.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][] {{"import", "--help"}, {"copy", "--help"}, {"config", "check", "--help"}}) {
            Cli.Result r = Cli.run(cmd);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: castore " + cmd[0]), r.out());
        }
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code(), r.err());
        for (String variable : new String[] {"XDG_DATA_HOME", "CASTORE_PLUGINS", "CASTORE_BLAKE3", "CASTORE_JAVA_OPTS"}) {
            assertTrue(r.out().contains("\n  " + variable + " "), variable + " in " + r.out());
        }
        // The three BLAKE3 implementations the launcher takes, the default first.
        String blake3 = r.out().substring(r.out().indexOf("\n  CASTORE_BLAKE3 "), r.out().indexOf("\n  CASTORE_JAVA_OPTS"));
        assertTrue(blake3.matches("(?s).*native.*default.*vector.*portable.*"), blake3);
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), "no line wider than the help's 80 columns");
    }
}
