package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceKind;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which decorators list the blobs they serve, through their inner stores' listings. */
class DecoratorListingTest {

    @RegisterExtension
    static final InnerStores stores = new InnerStores();

    /** Blobs written through the inner store; digest to size. */
    private static Map<B3Digest, Long> writeThree(BlobService service) throws Exception {
        Map<B3Digest, Long> written = new HashMap<>();
        for (byte[] data : new byte[][] {Fixtures.EMPTY_BLOB, Fixtures.HELLOWORLD_BLOB, Fixtures.randomBytes(5, 700 * 1024)}) {
            written.put(Blobs.write(service, data), (long) data.length);
        }
        return written;
    }

    @ParameterizedTest
    @ValueSource(strings = {"readonly://?inner=inner", "verifying://?inner=inner", "has-cache://?inner=inner",
            "lru://?near=memory://&far=inner&max_bytes=1000"})
    void aDecoratorListsTheBlobsOfTheStoreItServes(String url) throws Exception {
        try (Composition c = stores.composeBlobs(url, Map.of("inner", stores.url(InnerStores.Kind.FILE)))) {
            Map<B3Digest, Long> written = writeThree(c.build(ServiceKind.BLOB, "inner"));
            assertEquals(written, BlobListingContract.listAll(stores.blobs(c)));
        }
    }

    @Test
    void shardingListsEachBlobOnceFromTheShardThatOwnsIt() throws Exception {
        try (Composition c = stores.composeBlobs("sharding://?shards=a,b,c", Map.of("a", "memory://",
                "b", stores.url(InnerStores.Kind.FILE), "c", stores.url(InnerStores.Kind.FILE)))) {
            BlobService sharding = stores.blobs(c);
            Map<B3Digest, Long> written = writeThree(sharding);
            // Also on the shards that do not own it, where reads through sharding never look.
            for (String shard : new String[] {"a", "b", "c"}) {
                Blobs.write(c.build(ServiceKind.BLOB, shard), Fixtures.BLOB_A);
            }
            written.put(Fixtures.BLOB_A_DIGEST, 2L);
            assertEquals(written, BlobListingContract.listAll(sharding));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\": \"combined\", \"near\": \"x\", \"far\": \"y\"}",
            "{\"type\": \"mirrored\", \"a\": \"x\", \"b\": \"y\"}"})
    void decoratorsOverTwoStoresOfferNoListing(String root) throws Exception {
        try (Composition c = stores.compose("""
                {"blobservices": {"root": %s, "x": {"type": "memory"}, "y": {"type": "memory"}}}""".formatted(root))) {
            assertEquals(Optional.empty(), stores.blobs(c).listing());
        }
    }
}
