package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named roots (import --name, castore roots), names and digest prefixes for digests, and ROOT:path addresses. */
class NamedRootsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path tree(Path tmp) throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(sub.resolve("a.txt"), "inside\n");
        Files.writeString(tmp.resolve("src/top.txt"), "top\n");
        return tmp.resolve("src");
    }

    private static Image.Result ok(Image.Result r) {
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    @Test
    void namesAreRecordedInTheDefaultStoreAndAcceptedWhereADigestIs(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path src = tree(tmp);
        String root = ok(Image.run(env, "import", "-q", "--name", "proj", src.toString())).out().strip();
        String file = ok(Image.run(env, "import", "-q", "-n", "notes", src.resolve("top.txt").toString())).out().strip();
        assertTrue(Files.isRegularFile(tmp.resolve("data/castore/roots.jsonl")), "kept with the default store's data");

        List<String> roots = ok(Image.run(env, "roots")).out().lines().toList();
        assertEquals(2, roots.size(), roots.toString());
        assertTrue(roots.get(0).startsWith("notes  " + file + "  "), "newest first: " + roots);
        assertTrue(roots.get(1).startsWith("proj   " + root + "  ") && roots.get(1).endsWith(":" + src), roots.toString());
        JsonNode first = JSON.readTree(ok(Image.run(env, "roots", "--json")).out().lines().findFirst().orElseThrow());
        assertEquals("notes", first.get("name").asText());
        assertEquals(src.resolve("top.txt").toString(), first.get("source").asText());
        assertTrue(!first.get("host").asText().isEmpty() && first.get("time").asText().endsWith("Z"), first.toString());

        assertEquals("sub\0top.txt\0", ok(Image.run(env, "ls", "-0", "proj")).out());
        assertEquals("a.txt\0", ok(Image.run(env, "ls", "-0", "proj:sub")).out());
        assertEquals("a.txt\0", ok(Image.run(env, "ls", "-0", root.substring(0, 8) + ":sub/")).out(), "a digest prefix");
        assertEquals("inside\n", ok(Image.run(env, "cat", "proj:sub/a.txt")).out());
        assertEquals("top\n", ok(Image.run(env, "cat", "notes")).out());
        JsonNode stat = JSON.readTree(ok(Image.run(env, "stat", "--json", "proj:sub")).out());
        assertEquals("directory", stat.get("type").asText());
        ok(Image.run(env, "export", "proj:sub", tmp.resolve("out").toString()));
        assertEquals("inside\n", Files.readString(tmp.resolve("out/a.txt")));
        ok(Image.run(env, "export", "proj:sub/a.txt", tmp.resolve("out.txt").toString()));
        assertEquals("inside\n", Files.readString(tmp.resolve("out.txt")));

        Image.Result missing = Image.run(env, "ls", "proj:nope");
        assertEquals(3, missing.code());
        assertEquals("castore ls: no nope in proj:", missing.err().strip());
        Image.Result unknown = Image.run(env, "ls", "nosuchname");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("castore roots lists them"), unknown.err());

        String again = ok(Image.run(env, "import", "-q", "--name", "proj", src.resolve("sub").toString())).out().strip();
        assertEquals("a.txt\0", ok(Image.run(env, "ls", "-0", "proj")).out(), "naming again moves the name");
        assertEquals(3, ok(Image.run(env, "roots", "--history")).out().lines().count());
        assertTrue(ok(Image.run(env, "roots")).out().startsWith("proj   " + again), "moved to the top");
    }

    @Test
    void onAStoreKeepingOnlyClosureRootsASubdirectoryIsReachedThroughItsRoot(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString(),
                "CASTORE_STORE", "objectstore+file://" + tmp.resolve("store"));
        Path src = tree(tmp);
        String root = ok(Image.run(env, "import", "-q", "--name", "proj", src.toString())).out().strip();
        JsonNode sub = JSON.readTree(ok(Image.run(env, "ls", "--json", root)).out().lines().findFirst().orElseThrow());
        assertEquals("sub", sub.get("path").asText());

        Image.Result alone = Image.run(env, "ls", sub.get("digest").asText());
        assertEquals(3, alone.code());
        assertTrue(alone.err().contains("keeps directories by closure root") && alone.err().contains("ROOT:path"), alone.err());
        assertEquals("a.txt\0", ok(Image.run(env, "ls", "-0", root + ":sub")).out());
        assertEquals("a.txt\0", ok(Image.run(env, "ls", "-0", "-r", "proj:sub")).out());
        ok(Image.run(env, "export", "proj:sub", tmp.resolve("out").toString()));
        assertEquals("inside\n", Files.readString(tmp.resolve("out/a.txt")));
        Image.Result copied = ok(Image.run(env, "copy", "--to", "objectstore+file://" + tmp.resolve("other"), "proj:sub"));
        assertTrue(copied.err().contains("copied 1 blob and 1 directory"), copied.err());
    }
}
