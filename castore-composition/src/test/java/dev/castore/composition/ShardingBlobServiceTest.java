package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.InnerStores.Kind;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.composition.combinator.RendezvousHash;
import dev.castore.composition.combinator.ShardingBlobService;
import dev.castore.composition.combinator.ShardingBlobServiceConfig;
import dev.castore.composition.combinator.ShardingBlobServiceConfig.Shard;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract runs over three damageable shards; the placement over each kind of real store. */
class ShardingBlobServiceTest extends BlobServiceContract {

    @RegisterExtension
    static final InnerStores stores = new InnerStores();
    private List<TamperableBlobService> shards;

    @Override
    protected BlobService newBlobService() {
        shards = List.of(new TamperableBlobService("s0"), new TamperableBlobService("s1"), new TamperableBlobService("s2"));
        return new ShardingBlobService("sharded", new ArrayList<>(shards), ShardingPlacement.of("s0", 1, "s1", 1, "s2", 2),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) {
        for (TamperableBlobService s : shards) {
            if (s.has(digest)) {
                s.tamper(digest);
            }
        }
    }

    /** 20,000 digests that never change: BLAKE3 of 0, 1, 2, ... as 4-byte big-endian numbers. */
    private static List<B3Digest> digests() {
        List<B3Digest> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            out.add(Blake3.hash(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return out;
    }

    @Test
    void eachShardOwnsItsWeightsShareAndAddingOneMovesOnlyItsShareToIt() {
        RendezvousHash before = ShardingPlacement.of("s0", 1, "s1", 1, "s2", 2);
        RendezvousHash after = ShardingPlacement.of("s0", 1, "s1", 1, "s2", 2, "s3", 1);
        int[] owned = new int[3];
        int moved = 0;
        for (B3Digest d : digests()) {
            int was = before.owner(d);
            int is = after.owner(d);
            owned[was]++;
            if (was != is) {
                moved++;
                assertEquals(3, is, "a digest that moves, moves to the new shard");
            }
        }
        // weights 1:1:2 of 20,000 give 5,000, 5,000, 10,000; a shard of weight 1 of 5 takes 4,000
        assertEquals(5_000, owned[0], 150.0);
        assertEquals(5_000, owned[1], 150.0);
        assertEquals(10_000, owned[2], 150.0);
        assertEquals(4_000, moved, 150.0);
    }

    @Test
    void theOrderOfTheShardsDoesNotMatter() {
        RendezvousHash one = ShardingPlacement.of("s0", 1, "s1", 3);
        RendezvousHash other = ShardingPlacement.of("s1", 3, "s0", 1);
        for (B3Digest d : digests().subList(0, 2_000)) {
            assertEquals(one.owner(d), 1 - other.owner(d));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachBlobIsStoredInTheOneShardThatOwnsIt(Kind kind) throws Exception {
        Map<String, String> named = new LinkedHashMap<>();
        for (String s : List.of("s0", "s1", "s2")) {
            named.put(s, stores.url(kind));
        }
        try (Composition c = stores.composeBlobs("sharding://?shards=s0,s1,s2&weights=1,1,2", named)) {
            BlobService sharded = stores.blobs(c);
            RendezvousHash placement = ShardingPlacement.of("s0", 1, "s1", 1, "s2", 2);
            int[] perShard = new int[3];
            for (int i = 0; i < 24; i++) {
                byte[] data = Fixtures.randomBytes(500 + i, 1000 + i * 997);
                B3Digest d = Blobs.write(sharded, data);
                int owner = placement.owner(d);
                perShard[owner]++;
                for (int s = 0; s < 3; s++) {
                    assertEquals(s == owner, c.build(ServiceKind.BLOB, "s" + s).has(d), "blob " + i + " in shard s" + s);
                }
                assertArrayEquals(data, Blobs.readAll(sharded, d));
            }
            assertTrue(perShard[0] > 0 && perShard[1] > 0 && perShard[2] > 0, java.util.Arrays.toString(perShard));
        }
    }

    @Test
    void aConfigListsItsShardsAsReferences() throws Exception {
        ShardingBlobServiceConfig config = new ShardingBlobServiceConfig(
                List.of(new Shard("s0", 1L), new Shard("s1", null)), null);
        assertEquals(List.of("shards[0].store", "shards[1].store"),
                config.references().stream().map(r -> r.field()).toList());
        assertEquals(1L, config.shards().get(1).weight());
    }
}
