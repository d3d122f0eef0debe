package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castore serve-http} from the image, on the default store and on a store of closures. */
class ServeHttpTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");

    @Test
    void aTreeIsServedFromTheDefaultStore(@TempDir Path tmp) throws Exception {
        serveAndGet(tmp, Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()));
    }

    @Test
    void aTreeIsServedFromAStoreThatAnswersOnlyForRoots(@TempDir Path tmp) throws Exception {
        String store = "objectstore+file://" + tmp.resolve("store");
        serveAndGet(tmp, Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "--blob-service", store,
                "--directory-service", store);
    }

    @Test
    void aDirectoryInsideANamedRootIsServed(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        Files.createDirectories(tmp.resolve("src/docs/deep"));
        Files.writeString(tmp.resolve("src/docs/deep/page.txt"), "deep page\n");
        Image.Result imported = Image.run(env, "import", "--no-progress", "--name", "site", tmp.resolve("src").toString());
        assertEquals(0, imported.code(), imported.err());
        Process server = Image.command(env, "serve-http", "site:docs", "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertTrue(m.find(), line);
            assertTrue(line.startsWith("INFO castore serve-http: "), line);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "deep/page.txt")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("deep page\n", page.body());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve-http stops on SIGTERM");
        }
    }

    @Test
    void aSubdirectoryOfAStoreThatAnswersOnlyForRootsIsRefusedWithWhatToDo(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
        String store = "objectstore+file://" + tmp.resolve("store");
        Files.createDirectories(tmp.resolve("src/docs"));
        Files.writeString(tmp.resolve("src/docs/page.txt"), "page\n");
        Image.Result imported = Image.run(env, "import", "--no-progress", "--store", store, "--name", "site",
                tmp.resolve("src").toString());
        assertEquals(0, imported.code(), imported.err());
        Image.Result served = Image.run(env, "serve-http", "--store", store, "site:docs");
        assertEquals(2, served.code(), served.err());
        assertEquals("castore serve-http: site:docs is a subdirectory, which this store (it keeps directories by closure"
                + " root) cannot serve on its own: serve site and open /docs/\n", served.err());
    }

    private static void serveAndGet(Path tmp, Map<String, String> env, String... stores) throws Exception {
        Files.createDirectories(tmp.resolve("src/docs/deep"));
        Files.writeString(tmp.resolve("src/docs/deep/page.txt"), "deep page\n");
        Files.writeString(tmp.resolve("src/index.html"), "<p>welcome</p>\n");
        Image.Result imported = Image.run(env, concat(new String[] {"import", "--no-progress"}, stores,
                tmp.resolve("src").toString()));
        String digest = imported.digest();
        Process server = Image.command(env, concat(new String[] {"serve-http", digest, "--listen", "127.0.0.1:0"},
                stores)).redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = log.readLine();
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertTrue(m.find(), line);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(m.group(1) + "docs/deep/page.txt"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("deep page\n", page.body());
            assertEquals("10", page.headers().firstValue("Content-Length").orElseThrow());
            assertEquals("<p>welcome</p>\n", client.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(m.group(1) + "docs/"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(json.body().contains("{\"name\":\"deep\",\"kind\":\"directory\",\"size\":2,"), json.body());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve-http stops on SIGTERM");
        }
    }

    private static String[] concat(String[] head, String[] middle, String... tail) {
        String[] out = new String[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(middle, 0, out, head.length, middle.length);
        System.arraycopy(tail, 0, out, head.length + middle.length, tail.length);
        return out;
    }
}
