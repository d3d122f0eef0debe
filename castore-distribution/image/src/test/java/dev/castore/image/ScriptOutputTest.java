package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output meant for scripts: --json, import -q, ls -0, and sizes that say what they count. */
class ScriptOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path tree(Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "hello\n");
        Path exe = Files.writeString(tmp.resolve("src/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tmp.resolve("src/link"), Path.of("sub/a.txt"));
        return tmp.resolve("src");
    }

    @Test
    void importJsonIsOneDocumentAndQuietIsTheDigestAlone(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Path src = tree(tmp);
        Image.Result r = Image.run(env, "import", "--json", src.toString(), src.resolve("run.sh").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(2, doc.get("roots").size(), r.out());
        JsonNode dir = doc.get("roots").get(0);
        assertEquals(src.toString(), dir.get("path").asText());
        assertEquals("directory", dir.get("type").asText());
        assertEquals(8, dir.get("tree_entries").asLong(), "tvix: 3 entries (x2) plus the child's size (2): " + r.out());
        JsonNode file = doc.get("roots").get(1);
        assertEquals("file", file.get("type").asText());
        assertEquals(10, file.get("size").asLong());
        assertTrue(file.get("executable").asBoolean());
        assertTrue(file.get("snix").asText().startsWith("blake3-"), r.out());
        assertEquals(3, doc.get("files").asLong(), "run.sh counts once per path given: " + r.out());

        Image.Result quiet = Image.run(env, "import", "-q", src.toString());
        assertEquals(dir.get("digest").asText() + "\n", quiet.out());
        assertEquals("", quiet.err());

        Image.Result text = Image.run(env, "import", "--no-progress", src.toString(), src.resolve("run.sh").toString());
        assertTrue(text.out().contains("size:   8 entries (in the whole tree below it)"), text.out());
        assertTrue(text.out().contains("size:   10 bytes"), text.out());
    }

    @Test
    void lsJsonIsOneLinePerEntryAndNulGivesRawPaths(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        String digest = Image.run(env, "import", "-q", tree(tmp).toString()).out().strip();
        Image.Result ls = Image.run(env, "ls", "-r", "--json", digest);
        assertEquals(0, ls.code(), ls.err());
        List<String> lines = ls.out().lines().toList();
        assertEquals(4, lines.size(), ls.out());
        JsonNode link = JSON.readTree(lines.get(0));
        assertEquals("link", link.get("path").asText());
        assertEquals("symlink", link.get("type").asText());
        assertEquals("sub/a.txt", link.get("target").asText());
        JsonNode nested = JSON.readTree(lines.get(3));
        assertEquals("sub/a.txt", nested.get("path").asText());
        assertEquals(6, nested.get("size").asLong());
        assertEquals(false, nested.get("executable").asBoolean());

        Image.Result nul = Image.run(env, "ls", "-r", "-0", digest);
        assertEquals("link\0run.sh\0sub\0sub/a.txt\0", nul.out());
        assertEquals(new String("link\0".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), nul.out().substring(0, 5));
    }

    @Test
    void statAndPluginsJson(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Path src = tree(tmp);
        String blob = Image.run(env, "import", "-q", src.resolve("sub/a.txt").toString()).out().strip();
        JsonNode stat = JSON.readTree(Image.run(env, "stat", "--json", blob).out());
        assertEquals("blob", stat.get("type").asText());
        assertEquals(6, stat.get("size").asLong());
        assertEquals(1, stat.get("chunks").asLong());
        String dir = Image.run(env, "import", "-q", src.toString()).out().strip();
        JsonNode dirStat = JSON.readTree(Image.run(env, "stat", "--json", dir).out());
        assertEquals("directory", dirStat.get("type").asText());
        assertEquals(3, dirStat.get("entries").asLong());
        assertEquals(8, dirStat.get("tree_entries").asLong());
        Image.Result text = Image.run(env, "stat", blob);
        assertTrue(text.out().contains("size:   6 bytes"), text.out());

        JsonNode plugins = JSON.readTree(Image.run(Map.of(), "plugins", "--json").out());
        assertEquals(Image.home().resolve("plugins").toString(), plugins.get("plugins_directory").asText());
        assertTrue(plugins.get("providers").toString().contains("\"rocksdb\""), plugins.toString());
        assertTrue(plugins.get("listeners").toString().contains("\"grpc+unix\""), plugins.toString());
        assertEquals(0, plugins.get("failed").size(), plugins.toString());
    }

    @Test
    void aRepeatedSubtreeIsListedOnceAndSaidSoOnStandardError(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        for (String copy : List.of("one", "two")) {
            Files.writeString(Files.createDirectories(tmp.resolve("src").resolve(copy)).resolve("f"), "the same\n");
        }
        String root = Image.run(env, "import", "-q", tmp.resolve("src").toString()).out().strip();
        Image.Result r = Image.run(env, "ls", "-r", root);
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().lines().count(), r.out());
        assertEquals("castore ls: 1 directory line refers to a directory listed before (same digest); its entries are"
                + " listed once, at its first occurrence", r.err().strip());
    }
}
