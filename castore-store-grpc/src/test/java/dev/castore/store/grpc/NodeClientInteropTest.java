package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server against a client that shares nothing with this code base: grpc-js with protobufjs
 * loading .proto files at run time, once with the snix package and once with the tvix package
 * and tvix's message names (DirectoryNode, FileNode, SymlinkNode, Node). Node.js and npm ship
 * with this machine kind; the client's two npm packages are pinned in src/test/node.
 */
class NodeClientInteropTest {

    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-interop");

    @BeforeAll
    static void installClient() throws Exception {
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "package-lock.json", "interop-client.mjs")) {
            Files.copy(SOURCES.resolve(f), WORK.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@grpc/grpc-js"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), 300);
        }
        writeTvixProtos();
    }

    /** tvix's schema: the same field numbers, another package and other names for the node messages. */
    private static void writeTvixProtos() throws IOException {
        Path from = Path.of("src/main/protobuf/snix/castore/protos");
        Path to = WORK.resolve("tvix-protos/tvix/castore/protos");
        Files.createDirectories(to);
        try (Stream<Path> protos = Files.list(from)) {
            for (Path p : protos.toList()) {
                String text = Files.readString(p)
                        .replace("snix.castore.v1", "tvix.castore.v1")
                        .replace("snix/castore/protos", "tvix/castore/protos")
                        .replaceAll("\\bDirectoryEntry\\b", "DirectoryNode")
                        .replaceAll("\\bFileEntry\\b", "FileNode")
                        .replaceAll("\\bSymlinkEntry\\b", "SymlinkNode")
                        .replaceAll("\\bEntry\\b", "Node")
                        .replaceAll("oneof entry\\b", "oneof node");
                Files.writeString(to.resolve(p.getFileName()), text);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void aForeignClientSeesTheSpecifiedBehaviour(String wirePackage) throws Exception {
        Path protoRoot = wirePackage.startsWith("snix") ? Path.of("src/main/protobuf") : WORK.resolve("tvix-protos");
        Map<String, String> seen;
        try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService())) {
            String output = run(List.of("node", WORK.resolve("interop-client.mjs").toAbsolutePath().toString(),
                    protoRoot.toAbsolutePath().toString(), wirePackage, "127.0.0.1:" + server.server.port()), 60);
            seen = parse(output);
        }
        Map<String, String> expected = new HashMap<>();
        expected.put("blob.put.code", "0");
        expected.put("blob.put.digest", "5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c");
        expected.put("blob.stat.code", "0");
        expected.put("blob.stat.chunks", "0");
        expected.put("blob.stat.missing.code", "5");
        expected.put("blob.stat.short.code", "3");
        expected.put("blob.read.code", "0");
        expected.put("blob.read.data", "Hello World!");
        expected.put("blob.read.missing.code", "5");
        expected.put("blob.put.empty.digest", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        expected.put("dir.put.code", "0");
        expected.put("dir.put.root", "424a7f6ce08d805d15b428062faae96299a1675d708c3a39261afe38cdd04feb");
        expected.put("dir.get.recursive.code", "0");
        expected.put("dir.get.recursive.count", "2");
        expected.put("dir.get.recursive.first.symlink", "/nix/store/somewhereelse");
        expected.put("dir.get.recursive.second.file", ".keep");
        expected.put("dir.get.single.count", "1");
        expected.put("dir.get.missing.recursive.code", "0");
        expected.put("dir.get.missing.recursive.count", "0");
        expected.put("dir.get.missing.single.code", "5");
        expected.put("dir.get.nobywhat.code", "3");
        expected.put("dir.put.unknownref.code", "13");
        expected.put("dir.put.wrongsize.code", "13");
        expected.put("dir.put.empty.code", "3");
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(seen));
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> out = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run " + command.getFirst() + " (" + e.getMessage() + "): this test needs Node.js and npm "
                    + "(Debian: apt-get install nodejs npm)");
            throw e;
        }
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
