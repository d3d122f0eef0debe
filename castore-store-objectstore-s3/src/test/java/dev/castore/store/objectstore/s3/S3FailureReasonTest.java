package dev.castore.store.objectstore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.store.objectstore.spi.S3Options;
import dev.castore.testkit.Ports;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What a failed S3 request says: the point, not the SDK's dump. */
class S3FailureReasonTest {

    @Test
    void aRefusedConnectionAsksWhetherAServerListensThere() throws Exception {
        int port = Ports.nothingListening();
        Map<String, String> options = new HashMap<>(S3ProxyServer.options(URI.create("http://127.0.0.1:" + port)));
        options.put("max_retries", "1");
        try (S3ObjectStore store = new S3ObjectStore("bucket", "p", S3Options.parse(options))) {
            StorageException e = assertThrows(StorageException.class, () -> store.head("chunks/b3/0000/x"));
            assertTrue(e.getMessage().startsWith("HEAD s3://bucket/p at http://127.0.0.1:" + port
                    + " key chunks/b3/0000/x failed: cannot connect: Connection refused"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; is an S3 server listening at that endpoint?"), e.getMessage());
        }
    }

    @Test
    void aBlobThatCannotBeStoredNamesTheStoreOnce() throws Exception {
        int port = Ports.nothingListening();
        try (dev.castore.api.blob.BlobService service = new dev.castore.store.objectstore.ObjectStoreBlobServiceConfig(
                "s3://bucket/p", S3ProxyServer.impatientOptions(port), null).build("unreachable", null)) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> {
                try (dev.castore.api.blob.BlobWriter w = service.openWriter()) {
                    w.write(new byte[300_000], 0, 300_000);
                    w.commit();
                }
            });
            String location = "s3://bucket/p at http://127.0.0.1:" + port;
            assertTrue(e.getMessage().startsWith("storing a chunk of the blob failed: HEAD " + location + " key chunks/b3/"),
                    e.getMessage());
            assertEquals(e.getMessage().indexOf(location), e.getMessage().lastIndexOf(location), e.getMessage());
        }
    }

    @Test
    void missingCredentialsAreSaidWithWhatToSet() {
        SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers in the"
                + " chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...])");
        String reason = S3ObjectStore.reason(e);
        assertTrue(reason.startsWith("no AWS credentials were found"), reason);
        assertTrue(reason.contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), reason);
        assertTrue(!reason.contains("Provider"), reason);
    }

    @Test
    void anyOtherFailureKeepsTheSdkMessage() {
        assertEquals("The bucket does not allow ACLs", S3ObjectStore.reason(SdkClientException.create(
                "The bucket does not allow ACLs")));
    }
}
