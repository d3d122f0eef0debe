package dev.castore.store.objectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config records, their defaults and errors, and the {@code objectstore+...} URL form (spec e). */
class ObjectStoreConfigTest {

    @TempDir
    Path dir;

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void providerRegistersBothKindsUnderObjectstore() {
        List<Registration<?>> regs = new ObjectStoreProvider().registrations();
        assertEquals(List.of(ServiceKind.BLOB, ServiceKind.DIRECTORY), regs.stream().map(Registration::kind).toList());
        assertTrue(regs.stream().allMatch(r -> r.type().equals("objectstore") && r.urlParser().isPresent()));
    }

    @Test
    void blobConfigDefaultsTheChunkSizeButRequiresTheOptionsMap() {
        var config = new ObjectStoreBlobServiceConfig("memory:///", Map.of(), null);
        assertEquals(262_144, config.avgChunkSize());
        assertTrue(message(() -> new ObjectStoreBlobServiceConfig("memory:///", null, null))
                .startsWith("object_store_options is required"));
        assertTrue(message(() -> new ObjectStoreBlobServiceConfig((String) null, Map.of(), null))
                .startsWith("object_store_url is required"));
        assertEquals("avg_chunk_size 256 is not in 512..2097153 (FastCDC needs 64 <= avg/2 <= 1048576 and 1024 <= 2*avg)",
                message(() -> new ObjectStoreBlobServiceConfig("memory:///", Map.of(), 256)));
    }

    @Test
    void directoryConfigDefaultsTheOptionsToEmpty() {
        assertEquals(Map.of(), new ObjectStoreDirectoryServiceConfig("memory:///", null).objectStoreOptions());
    }

    @Test
    void s3UrlSplitsIntoStoreUrlAndOptions() {
        var blob = ObjectStoreBlobServiceConfig.fromUrl(ServiceUrl.parse(
                "objectstore+s3://bucket/some/prefix?aws_region=eu-west-1&endpoint=https%3A%2F%2Fminio.example%3A9000"));
        assertEquals("s3://bucket/some/prefix", blob.objectStoreUrl().toString());
        assertEquals(Map.of("aws_region", "eu-west-1", "endpoint", "https://minio.example:9000"), blob.objectStoreOptions());
        assertEquals(262_144, blob.avgChunkSize());
        var dirs = ObjectStoreDirectoryServiceConfig.fromUrl(ServiceUrl.parse("objectstore+s3://bucket"));
        assertEquals("s3://bucket", dirs.objectStoreUrl().toString());
        assertEquals(Map.of(), dirs.objectStoreOptions());
    }

    @Test
    void memoryAndFileUrls() {
        assertEquals("memory:///", ObjectStoreBlobServiceConfig.fromUrl(ServiceUrl.parse("objectstore+memory:///")).objectStoreUrl()
                .toString());
        assertEquals("file:///var/lib/castore",
                ObjectStoreDirectoryServiceConfig.fromUrl(ServiceUrl.parse("objectstore+file:///var/lib/castore")).objectStoreUrl()
                        .toString());
    }

    @Test
    void unsupportedOrMalformedStoreUrlsAreRejectedWithWhatIsAccepted() {
        assertEquals("object_store_url 'gs://bucket/x': unsupported scheme 'gs'; supported are "
                        + "s3://bucket[/prefix], file:///absolute/path or memory:///",
                message(() -> new ObjectStoreDirectoryServiceConfig("gs://bucket/x", null)));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("file://host/x", null)).contains("file:///absolute/path"));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("s3:///prefix", null)).contains("names no bucket"));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("memory:///", Map.of("region", "x")))
                .contains("options apply to s3:// stores only"));
        assertTrue(message(() -> ObjectStoreBlobServiceConfig.fromUrl(ServiceUrl.parse("objectstore://x")))
                .contains("objectstore+s3://bucket/prefix"));
    }

    @Test
    void s3OptionsAreCheckedWhenTheConfigIsRead() {
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("s3://b", Map.of("aws_regoin", "x")))
                .startsWith("unknown object store option 'aws_regoin'; accepted for s3:// are the object_store crate's keys: ["));
        assertEquals("object store option aws_endpoint 'http://127.0.0.1:9000' is plain http; set aws_allow_http=true "
                        + "to allow unencrypted connections",
                message(() -> new ObjectStoreDirectoryServiceConfig("s3://b", Map.of("aws_endpoint", "http://127.0.0.1:9000"))));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("s3://b", Map.of("aws_access_key_id", "k")))
                .contains("must be given together"));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("s3://b", Map.of("timeout", "soon")))
                .contains("is not a duration"));
        assertTrue(message(() -> new ObjectStoreDirectoryServiceConfig("s3://b", Map.of("region", "a", "aws_region", "b")))
                .contains("given twice"));
        // Short forms, upper case and the crate's known-but-unused keys are all accepted.
        new ObjectStoreDirectoryServiceConfig("s3://b/p", Map.of("ENDPOINT", "http://localhost:1", "allow_http", "true",
                "virtual_hosted_style_request", "false", "connect_timeout", "1s", "timeout", "500ms",
                "imdsv1_fallback", "true"));
    }

    @Test
    void theUrlFormAndTheFileFormReadToEqualConfigs() {
        Map<String, String> options = Map.of("aws_region", "eu-west-1", "endpoint", "https://minio.example:9000",
                "timeout", "2s");
        assertEquals(new ObjectStoreBlobServiceConfig("s3://bucket/p", options, null),
                ObjectStoreBlobServiceConfig.fromUrl(ServiceUrl.parse("objectstore+s3://bucket/p?aws_region=eu-west-1"
                        + "&endpoint=https%3A%2F%2Fminio.example%3A9000&timeout=2s")));
        assertEquals(new ObjectStoreDirectoryServiceConfig("file:///var/lib/castore", null),
                ObjectStoreDirectoryServiceConfig.fromUrl(ServiceUrl.parse("objectstore+file:///var/lib/castore")));
        assertTrue(!new ObjectStoreDirectoryServiceConfig("s3://bucket/p", Map.of("timeout", "2s"))
                .equals(new ObjectStoreDirectoryServiceConfig("s3://bucket/p", Map.of("timeout", "3s"))),
                "the settings read from the options are part of the value");
    }

    @Test
    void theOptionsAreReadIntoTheLocationOnceWhenTheConfigIsMade() {
        ObjectStoreLocation bare = ObjectStoreLocation.valueOf("s3://bucket/p");
        var config = new ObjectStoreDirectoryServiceConfig(bare, Map.of("aws_region", "eu-west-1"));
        assertTrue(!bare.equals(config.objectStoreUrl()), "the record holds the location with its options read");
        assertEquals(config.objectStoreUrl(), ObjectStoreLocation.valueOf("s3://bucket/p")
                .withOptions(Map.of("region", "eu-west-1")), "aliases read to the same settings");
    }

    @Test
    void builtFileStoresShareTheirObjects() throws Exception {
        String url = dir.toUri().toString().replaceFirst("^file:/+", "file:///");
        var config = new ObjectStoreBlobServiceConfig(url, Map.of(), 65_536);
        try (BlobService writer = config.build("root", null); BlobService reader = config.build("other", null)) {
            var d = Blobs.write(writer, Fixtures.BLOB_B);
            assertEquals(Fixtures.BLOB_B_DIGEST, d);
            assertTrue(reader.chunks(d).orElseThrow().size() > 2, "BLOB_B is cut into chunks of ~64 KiB");
            assertEquals(Fixtures.BLOB_B.length, Blobs.readAll(reader, d).length);
        }
        assertTrue(Files.isDirectory(dir.resolve("blobs/b3")));
        try (DirectoryService dirs = new ObjectStoreDirectoryServiceConfig(url, null).build("root", null)) {
            dirs.put(Fixtures.DIRECTORY_WITH_KEEP);
        }
        assertTrue(Files.isDirectory(dir.resolve("dirs/b3/8b5b")));
    }
}
