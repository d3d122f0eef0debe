package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objectstore plugin's S3 path as users run it: the image's command, the plugin's extension
 * {@code s3} (a module layer over the plugin's, with the AWS SDK and the JDK's HTTP client, made
 * only for S3 stores), against a real S3 server (s3proxy on a free loopback port, started here).
 */
class S3StoreTest {

    private static final String KEY = "castore-test-key";
    private static final String SECRET = "castore-test-secret";

    @TempDir
    static Path dir;

    private static S3Proxy proxy;

    @BeforeAll
    static void startS3() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", Files.createDirectory(dir.resolve("s3")).toString());
        BlobStore blobs = BlobStores.create("filesystem", properties);
        blobs.createContainer("castore");
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    private static String store(String prefix) {
        return "objectstore+s3://castore/" + prefix + "?aws_endpoint=http://127.0.0.1:" + proxy.getPort()
                + "&aws_allow_http=true&aws_access_key_id=" + KEY + "&aws_secret_access_key=" + SECRET
                + "&aws_region=us-east-1";
    }

    @Test
    void aFileImportedIntoS3ReadsBackThroughTheImage() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("random.bin"), data);
        String blobs = store("blobs");
        String directories = store("directories");
        Image.Result imported = Image.run(Map.of(), "import", "-q", "--no-progress", "--no-files-cache",
                "--blob-service", blobs, "--directory-service", directories, file.toString());
        assertEquals(0, imported.code(), imported.err());
        String digest = imported.out().strip();
        assertEquals(64, digest.length(), imported.out());

        Path out = dir.resolve("out.bin");
        Path err = dir.resolve("cat.err");
        Process cat = Image.command(Map.of(), "cat", "--blob-service", blobs, digest)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertEquals(0, cat.waitFor(), Files.readString(err));
        assertArrayEquals(data, Files.readAllBytes(out));

        Path s3 = dir.resolve("s3/castore/blobs");
        try (Stream<Path> objects = Files.walk(s3)) {
            assertTrue(objects.filter(Files::isRegularFile).count() > 1, "the blob is stored in chunks under " + s3);
        }
    }

    /**
     * A tree of many small files and a large one, into S3 as a directory and as a tar archive
     * (each with the uploads an S3 store asks for: 16 small files at once), and exported back from
     * S3: the same root as in memory, and the same bytes.
     */
    @Test
    void aTreeAndItsArchiveGoIntoS3ManyFilesAtOnceAndComeBackWhole(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Random random = new Random(11);
        for (int d = 0; d < 8; d++) {
            Path sub = Files.createDirectories(tree.resolve("d" + d));
            for (int f = 0; f < 40; f++) {
                byte[] bytes = new byte[random.nextInt(20_000)];
                random.nextBytes(bytes);
                Files.write(sub.resolve("f" + f), bytes);
            }
        }
        byte[] large = new byte[3_000_000];
        random.nextBytes(large);
        Files.write(tree.resolve("large.bin"), large);
        Path archive = tmp.resolve("tree.tar");
        Process tar = new ProcessBuilder("tar", "-cf", archive.toString(), "-C", tree.toString(), ".").inheritIO().start();
        assertEquals(0, tar.waitFor());

        Image.Result inMemory = Image.run(Map.of(), "import", "-q", "--no-progress", "--blob-service", "memory://",
                "--directory-service", "memory://", tree.toString());
        assertEquals(0, inMemory.code(), inMemory.err());
        String root = inMemory.out().strip();
        String blobs = store("tree-blobs");
        String directories = store("tree-directories");
        Image.Result imported = Image.run(Map.of(), "import", "-q", "--no-progress", "--no-files-cache",
                "--blob-service", blobs, "--directory-service", directories, tree.toString());
        assertEquals(0, imported.code(), imported.err());
        assertEquals(root, imported.out().strip());
        Image.Result fromArchive = Image.run(Map.of(), "import", "-q", "--no-progress", "--blob-service", store("tar-blobs"),
                "--directory-service", store("tar-directories"), "--archive", archive.toString());
        assertEquals(0, fromArchive.code(), fromArchive.err());
        assertEquals(root, fromArchive.out().strip());

        Path out = tmp.resolve("out");
        Image.Result exported = Image.run(Map.of(), "export", "--blob-service", store("tar-blobs"), "--directory-service",
                store("tar-directories"), root, out.toString());
        assertEquals(0, exported.code(), exported.err());
        assertArrayEquals(large, Files.readAllBytes(out.resolve("large.bin")));
        for (int d = 0; d < 8; d++) {
            for (int f = 0; f < 40; f++) {
                Path rel = Path.of("d" + d, "f" + f);
                assertArrayEquals(Files.readAllBytes(tree.resolve(rel)), Files.readAllBytes(out.resolve(rel)), rel.toString());
            }
        }
    }

    @Test
    void theS3ClientIsTheJdksHttpClientAloneInThePluginsExtension() throws Exception {
        Path plugin = Image.home().resolve("plugins/objectstore");
        List<String> extension = jarsIn(plugin.resolve("s3"));
        assertTrue(extension.stream().anyMatch(n -> n.startsWith("castore-store-objectstore-s3-")), extension.toString());
        assertTrue(extension.stream().anyMatch(n -> n.startsWith("url-connection-client-")), extension.toString());
        assertTrue(extension.stream().anyMatch(n -> n.startsWith("s3-")), extension.toString());
        assertTrue(Files.isRegularFile(plugin.resolve("s3/castore-plugin.modules")),
                "the image's castore plugins --index wrote the extension's module descriptors");
        // Other HTTP clients would only be resolved into the extension's layer, at every S3 command's cost.
        assertEquals(List.of(), extension.stream().filter(n -> n.startsWith("apache") || n.startsWith("httpclient")
                || n.startsWith("httpcore") || n.startsWith("netty")).toList());
        // The plugin's own layer, made for every command on an objectstore, has no AWS jar.
        assertEquals(List.of("castore-store-objectstore", "zstd-jni"),
                jarsIn(plugin).stream().map(n -> n.replaceFirst("-[0-9].*", "")).toList());
    }

    @Test
    void onlyAnS3StoreLoadsTheExtension(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a"), "a file\n");
        String files = "objectstore+file://" + tmp.resolve("store");
        Image.Result local = Image.run(Map.of(), "-v", "import", "--no-progress", "--no-files-cache",
                "--blob-service", files, "--directory-service", files, tree.toString());
        assertEquals(0, local.code(), local.err());
        assertTrue(local.err().contains("plugin objectstore: modules [com.github.luben.zstd_jni, dev.castore.store.objectstore]"),
                local.err());
        assertFalse(local.err().contains("software.amazon"), local.err());
        assertFalse(local.err().contains("plugin extension"), local.err());

        Image.Result s3 = Image.run(Map.of(), "-v", "import", "--no-progress", "--no-files-cache",
                "--blob-service", store("extension"), "--directory-service", "memory://", tree.toString());
        assertEquals(0, s3.code(), s3.err());
        assertTrue(s3.err().contains("plugin extension objectstore/s3: modules ["), s3.err());
        assertTrue(s3.err().contains("dev.castore.store.objectstore.s3, "), s3.err());
        assertTrue(s3.err().contains("software.amazon.awssdk.services.s3"), s3.err());

        Image.Result listed = Image.run(Map.of(), "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("\n  objectstore: 2 modules in its own layer\n    extension s3: "), listed.out());
        Image.Result json = Image.run(Map.of(), "plugins", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().matches("(?s).*\"name\":\"objectstore\",\"modular\":true,\"modules\":2,"
                + "\"indexed\":true,\"extensions\":\\[\\{\"name\":\"s3\",\"modules\":3[0-9]\\}\\].*"), json.out());
    }

    @Test
    void withoutTheExtensionAnS3StoreFailsSayingWhatIsMissing(@TempDir Path tmp) throws Exception {
        // The image's plugins, but the objectstore plugin without its s3/ directory.
        Path plugins = Image.pluginsCopy(tmp);
        Path objectstore = plugins.resolve("objectstore");
        Path real = Files.readSymbolicLink(objectstore);
        Files.delete(objectstore);
        Files.createDirectory(objectstore);
        Image.linkEach(real, objectstore, Files::isRegularFile);
        try {
            Path tree = Files.createDirectories(tmp.resolve("tree"));
            Files.writeString(tree.resolve("a"), "a file\n");
            Map<String, String> env = Map.of("CASTORE_PLUGINS", plugins.toString());
            Image.Result s3 = Image.run(env, "import", "--no-progress", "--no-files-cache",
                    "--blob-service", store("missing"), "--directory-service", "memory://", tree.toString());
            assertEquals(1, s3.code(), s3.err());
            assertTrue(s3.err().contains("no S3 client is installed"), s3.err());
            assertTrue(s3.err().contains("plugins/objectstore/s3/"), s3.err());
            assertFalse(s3.err().contains("\tat "), "one line, no stack trace: " + s3.err());

            String files = "objectstore+file://" + tmp.resolve("store");
            Image.Result local = Image.run(env, "import", "--no-progress", "--no-files-cache",
                    "--blob-service", files, "--directory-service", files, tree.toString());
            assertEquals(0, local.code(), "file:// needs no extension: " + local.err());
            Image.Result listed = Image.run(env, "plugins");
            assertEquals(0, listed.code(), listed.err());
            assertFalse(listed.out().contains("extension s3"), listed.out());

            // An extension that does not load is named among the failures.
            Files.createDirectory(objectstore.resolve("s3"));
            Files.writeString(objectstore.resolve("s3/broken.jar"), "not a jar");
            Image.Result broken = Image.run(env, "plugins");
            assertEquals(0, broken.code(), broken.err());
            assertTrue(broken.out().contains("failed:\n  plugin extension objectstore/s3 (" + objectstore.resolve("s3") + "): "),
                    broken.out());
            Files.delete(objectstore.resolve("s3/broken.jar"));
            Files.delete(objectstore.resolve("s3"));
        } finally {
            Image.unlinkIn(objectstore);
            Image.unlinkPlugins(tmp);
        }
    }

    private static List<String> jarsIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }
}
