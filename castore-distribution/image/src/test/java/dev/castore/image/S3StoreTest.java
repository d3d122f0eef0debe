package dev.castore.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The objectstore plugin's S3 path as users run it: the image's command, the plugin's own module
 * layer with the AWS SDK and the JDK's HTTP client, against a real S3 server (s3proxy on a free
 * loopback port, started here).
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

    @Test
    void theS3ClientIsTheJdksHttpClientAlone() throws Exception {
        List<String> jars;
        try (Stream<Path> files = Files.list(Image.home().resolve("plugins/objectstore"))) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("url-connection-client-")), jars.toString());
        // Other HTTP clients would only be resolved into the plugin's layer, at every command's cost.
        assertEquals(List.of(), jars.stream().filter(n -> n.startsWith("apache") || n.startsWith("httpclient")
                || n.startsWith("httpcore") || n.startsWith("netty")).toList());
    }
}
