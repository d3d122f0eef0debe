package dev.castore.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.model.PathComponent;
import dev.castore.api.spi.AddressInUseException;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Directories;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP front end on loopback, asked by the JDK's HTTP client. */
class HttpFrontEndTest {

    static final byte[] BIG = Fixtures.randomBytes(5, 3_000_000);

    final MemoryBlobService blobs = new MemoryBlobService();
    final MemoryDirectoryService directories = new MemoryDirectoryService();
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    Listener listener;
    B3Digest root;
    B3Digest site;
    B3Digest big;

    /**
     * The tree: big.bin (3 MB), run.sh (executable), sub/a.txt, sub/up -> ../big.bin, out -> /etc/passwd,
     * escape -> ../x, loop -> loop, dirlink -> sub, "\xff.bin", site/index.html.
     */
    @BeforeEach
    void store() throws IOException {
        big = Blobs.write(blobs, BIG);
        B3Digest a = Blobs.write(blobs, "a\n".getBytes(StandardCharsets.UTF_8));
        B3Digest index = Blobs.write(blobs, "<h1>home</h1>\n".getBytes(StandardCharsets.UTF_8));
        Directory sub = Directory.builder().file("a.txt", a, 2, false).symlink("up", "../big.bin").build();
        Directory siteDir = Directory.builder().file("index.html", index, 14, false).build();
        Directory top = Directory.builder().file("big.bin", big, BIG.length, false).file("run.sh", a, 2, true)
                .directory("sub", sub).directory("site", siteDir).symlink("out", "/etc/passwd").symlink("escape", "../x")
                .symlink("loop", "loop").symlink("dirlink", "sub")
                .add(PathComponent.of(new byte[] {(byte) 0xff, '.', 'b', 'i', 'n'}), new dev.castore.api.model.FileNode(a, 2, false))
                .build();
        root = Directories.putAll(directories, List.of(sub, siteDir, top));
        site = siteDir.digest();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private String listen(String query) throws IOException {
        listener = new HttpListenerProvider().listen(ServiceUrl.parse("http://127.0.0.1:0" + query), blobs, directories);
        return listener.address();
    }

    @Test
    void aBusyAddressIsSaidWithTheAddress() throws Exception {
        String first = listen("");
        int port = URI.create(first).getPort();
        AddressInUseException e = org.junit.jupiter.api.Assertions.assertThrows(AddressInUseException.class, () -> new HttpListenerProvider()
                .listen(ServiceUrl.parse("http://127.0.0.1:" + port), blobs, directories));
        assertEquals("cannot listen on http://127.0.0.1:" + port + "/: address already in use", e.getMessage());
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("(none)");
    }

    @Test
    void aFileIsStreamedWithItsLengthTypeAndDigestAsETag() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = get(base + "big.bin");
        assertEquals(200, r.statusCode());
        assertTrue(Arrays.equals(BIG, r.body()));
        assertEquals("3000000", header(r, "Content-Length"));
        assertEquals("\"" + big.toHex() + "\"", header(r, "ETag"));
        assertEquals("application/octet-stream", header(r, "Content-Type"));
        assertEquals("bytes", header(r, "Accept-Ranges"));
        assertEquals("text/plain; charset=utf-8", header(get(base + "sub/a.txt"), "Content-Type"));
    }

    @Test
    void rangesAreServedAndAnUnsatisfiableOneIs416() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = get(base + "big.bin", "Range", "bytes=1000000-1000099");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 1000000-1000099/3000000", header(r, "Content-Range"));
        assertEquals("100", header(r, "Content-Length"));
        assertTrue(Arrays.equals(Arrays.copyOfRange(BIG, 1_000_000, 1_000_100), r.body()));
        HttpResponse<byte[]> suffix = get(base + "big.bin", "Range", "bytes=-10");
        assertEquals("bytes 2999990-2999999/3000000", header(suffix, "Content-Range"));
        assertTrue(Arrays.equals(Arrays.copyOfRange(BIG, 2_999_990, 3_000_000), suffix.body()));
        HttpResponse<byte[]> open = get(base + "big.bin", "Range", "bytes=2999999-");
        assertEquals(1, open.body().length);
        HttpResponse<byte[]> past = get(base + "big.bin", "Range", "bytes=3000000-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */3000000", header(past, "Content-Range"));
        HttpResponse<byte[]> several = get(base + "big.bin", "Range", "bytes=0-1,5-6");
        assertEquals(200, several.statusCode());
        assertEquals(BIG.length, several.body().length);
    }

    @Test
    void conditionalRequestsUseTheETag() throws Exception {
        String base = listen("?root=" + root.toHex());
        String etag = "\"" + big.toHex() + "\"";
        HttpResponse<byte[]> same = get(base + "big.bin", "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(200, get(base + "big.bin", "If-None-Match", "\"other\"").statusCode());
        HttpResponse<byte[]> stale = get(base + "big.bin", "Range", "bytes=0-9", "If-Range", "\"other\"");
        assertEquals(200, stale.statusCode());
        assertEquals(BIG.length, stale.body().length);
        assertEquals(206, get(base + "big.bin", "Range", "bytes=0-9", "If-Range", etag).statusCode());
        HttpResponse<byte[]> listing = get(base);
        assertEquals(304, get(base, "If-None-Match", header(listing, "ETag")).statusCode());
    }

    @Test
    void headGivesTheHeadersOfGet() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "big.bin"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("3000000", header(r, "Content-Length"));
        assertEquals(0, r.body().length);
    }

    @Test
    void aDirectoryIsListedAsJson() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = get(base + "sub/", "Accept", "application/json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", header(r, "Content-Type"));
        Directory sub = directories.get(B3Digest.parse(text(r).substring(text(r).indexOf("\"digest\":\"") + 10,
                text(r).indexOf("\"digest\":\"") + 74))).orElseThrow();
        assertEquals("{\"path\":\"/sub/\",\"digest\":\"" + sub.digest().toHex() + "\",\"entries\":[\n"
                + "{\"name\":\"a.txt\",\"kind\":\"file\",\"size\":2,\"digest\":\"" + Blake3Of.text("a\n")
                + "\",\"executable\":false},\n"
                + "{\"name\":\"up\",\"kind\":\"symlink\",\"target\":\"../big.bin\"}\n]}\n", text(r));
    }

    @Test
    void aDirectoryIsListedAsHtmlWithLinksThatWorkForEveryName() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = get(base);
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
        String html = text(r);
        assertTrue(html.contains("<title>Index of /</title>"), html);
        assertTrue(html.contains("<a href=\"sub/\">sub/</a>"), html);
        assertTrue(html.contains("<a href=\"%FF.bin\">\\xff.bin</a>"), html);
        assertTrue(html.contains("<a href=\"out\">out</a> &rarr; /etc/passwd"), html);
        assertEquals("a\n", text(get(base + "%FF.bin")));
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirected() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = get(base + "sub?x=1");
        assertEquals(301, r.statusCode());
        assertEquals("/sub/?x=1", header(r, "Location"));
    }

    @Test
    void theIndexFileIsServedForItsDirectoryUnlessTurnedOff() throws Exception {
        String base = listen("?root=" + root.toHex());
        assertEquals("<h1>home</h1>\n", text(get(base + "site/")));
        listener.close();
        String noIndex = listen("?root=" + root.toHex() + "&index=");
        assertTrue(text(get(noIndex + "site/")).contains("<a href=\"index.html\">index.html</a>"));
        listener.close();
        String other = listen("?root=" + root.toHex() + "&index=a.txt");
        assertEquals("a\n", text(get(other + "sub/")));
    }

    @Test
    void symlinksAreFollowedOnlyWithinTheTree() throws Exception {
        String base = listen("?root=" + root.toHex());
        assertTrue(Arrays.equals(BIG, get(base + "sub/up").body()));
        assertEquals("a\n", text(get(base + "dirlink/a.txt")));
        HttpResponse<byte[]> out = get(base + "out");
        assertEquals(404, out.statusCode());
        assertEquals("a symlink to an absolute path, outside the tree\n", text(out));
        assertEquals("the path leaves the tree\n", text(get(base + "escape")));
        assertEquals("too many levels of symbolic links\n", text(get(base + "loop")));
        assertEquals("no such file or directory\n", text(get(base + "nothing")));
        assertEquals("not a directory\n", text(get(base + "run.sh/x")));
    }

    @Test
    void withoutARootAnyDirectoryIsServedByDigest() throws Exception {
        String base = listen("");
        assertEquals("a\n", text(get(base + root.toHex() + "/sub/a.txt")));
        assertEquals("<h1>home</h1>\n", text(get(base + site.toHex() + "/")));
        HttpResponse<byte[]> none = get(base);
        assertEquals(404, none.statusCode());
        assertEquals("ask for /DIGEST/ (a directory digest in hex) and a path in its tree\n", text(none));
        String unknown = "00".repeat(32);
        assertEquals("no directory " + unknown + " is stored\n", text(get(base + unknown + "/")));
    }

    @Test
    void onlyReadsAreAccepted() throws Exception {
        String base = listen("?root=" + root.toHex());
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "big.bin"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", header(r, "Allow"));
    }

    @Test
    void aStoreThatFailsIsAnsweredWith500AndItsError() throws Exception {
        DirectoryService unreachable = new DirectoryService() {
            @Override
            public Optional<Directory> get(B3Digest digest) throws IOException {
                throw new StorageException("get of directory " + digest.toHex() + " failed: connection refused");
            }

            @Override
            public B3Digest put(Directory directory) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ClosureStream getRecursive(B3Digest root) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DirectoryPutter putter() {
                throw new UnsupportedOperationException();
            }
        };
        listener = new HttpListenerProvider().listen(ServiceUrl.parse("http://127.0.0.1:0?root=" + root.toHex()), blobs,
                unreachable);
        for (String path : List.of("", "sub/", "big.bin")) {
            HttpResponse<byte[]> r = get(listener.address() + path);
            assertEquals(500, r.statusCode(), path);
            assertEquals("store error: get of directory " + root.toHex() + " failed: connection refused\n", text(r));
        }
    }

    @Test
    void aListenUrlWithAnUnknownParameterIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HttpOptions.parse(ServiceUrl.parse("http://127.0.0.1:0?rot=x")));
        assertEquals("unable to parse url 'http://127.0.0.1:0?rot=x': unknown parameter 'rot'; accepted: root=DIGEST,"
                + " index=NAME", e.getMessage());
        assertEquals(Optional.empty(), HttpOptions.parse(ServiceUrl.parse("http://127.0.0.1:0")).root());
    }

    /** Digests of small texts, for the expected documents. */
    static final class Blake3Of {
        static String text(String s) {
            return dev.castore.api.digest.Blake3.hash(s.getBytes(StandardCharsets.UTF_8)).toHex();
        }
    }
}
