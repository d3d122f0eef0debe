package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.InnerStores.Kind;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.composition.combinator.LruBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.BlobListingContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract runs over a memory near store bounded at 64 MiB (the large blob is served from far,
 * uncached) and a far store that can be damaged; the behaviour tests over each kind of real store.
 */
class LruBlobServiceTest extends DecoratedBlobContract {

    private static final int BLOB = 600 * 1024;
    @RegisterExtension
    static final InnerStores stores = new InnerStores();

    @Override
    protected BlobService decorate(TamperableBlobService far) {
        MemoryBlobService near = new MemoryBlobService();
        return new LruBlobService("cache", near, near, far, 64L << 20);
    }

    private static List<B3Digest> writeFour(BlobService service) throws Exception {
        List<B3Digest> digests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            digests.add(Blobs.write(service, Fixtures.randomBytes(100 + i, BLOB)));
        }
        return digests;
    }

    /** Reads 0, 1, 2, then 0 again, then 3: the bound holds three, so 1 (least recently used) goes. */
    private static void readInLruOrder(BlobService lru, List<B3Digest> d) throws Exception {
        for (int i : new int[] {0, 1, 2, 0, 3}) {
            assertArrayEquals(Fixtures.randomBytes(100 + i, BLOB), Blobs.readAll(lru, d.get(i)), "blob " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsThroughFromEachFarKindAndEvictsTheLeastRecentlyUsed(Kind kind) throws Exception {
        try (Composition c = stores.compose("""
                {"blobservices": {"root": {"type": "lru", "near": "near", "far": "%s", "max_bytes": %d},
                  "near": {"type": "memory"}}}""".formatted(stores.url(kind), 3 * BLOB + 1000))) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            MemoryBlobService near = (MemoryBlobService) c.build(ServiceKind.BLOB, "near");
            List<B3Digest> d = writeFour(lru);
            assertEquals(0, near.size(), "writes go to far only");
            readInLruOrder(lru, d);
            assertEquals(3, lru.keptBlobs());
            assertEquals(3L * BLOB, lru.keptBytes());
            assertTrue(near.has(d.get(0)) && near.has(d.get(2)) && near.has(d.get(3)));
            assertFalse(near.has(d.get(1)), "the least recently used blob was evicted");
            assertTrue(lru.has(d.get(1)), "and is still in far");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MEMORY", "FILE", "S3"})
    void evictsFromEachNearKindThatCanDelete(Kind kind) throws Exception {
        try (Composition c = stores.composeBlobs("lru://?near=near&far=far&max_bytes=" + (3 * BLOB + 1000),
                Map.of("near", stores.url(kind), "far", "memory://"))) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            BlobService near = c.build(ServiceKind.BLOB, "near");
            List<B3Digest> d = writeFour(lru);
            readInLruOrder(lru, d);
            assertEquals(3, lru.keptBlobs());
            assertEquals(3L * BLOB, lru.keptBytes(), "each chunk counted once");
            assertFalse(near.has(d.get(1)), "the least recently used blob was deleted from near");
            assertTrue(near.has(d.get(0)) && near.has(d.get(2)) && near.has(d.get(3)));
        }
    }

    /** A composition of an lru over a near store at {@code nearUrl} and a far store at {@code farUrl}, both persistent. */
    private static Composition persistentLru(String nearUrl, String farUrl, long maxBytes) throws Exception {
        return stores.composeBlobs("lru://?near=near&far=far&max_bytes=" + maxBytes, Map.of("near", nearUrl, "far", farUrl));
    }

    private static String persistentNear(String type) throws Exception {
        return (type.equals("rocksdb") ? "rocksdb://" : "objectstore+file://") + stores.newDirectory("near-" + type);
    }

    /** Digest to size of every blob the store lists. */
    private static Map<B3Digest, Long> listed(BlobService service) throws Exception {
        return BlobListingContract.listAll(service);
    }

    /**
     * Four blobs read through a cache bounded at four, closed, then reopened over the same stores
     * with a bound of two: the four are counted at open and two of them evicted from near; every
     * blob still reads, the evicted ones through from far, and the bound holds throughout.
     */
    @ParameterizedTest
    @ValueSource(strings = {"file", "rocksdb"})
    void aReopenedCacheCountsWhatItsNearStoreHoldsAndEvictsDownToTheBound(String nearType) throws Exception {
        String near = persistentNear(nearType);
        String far = "objectstore+file://" + stores.newDirectory("far");
        List<B3Digest> d;
        try (Composition c = persistentLru(near, far, 4L * BLOB + 1000)) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            d = writeFour(lru);
            for (int i = 0; i < 4; i++) {
                Blobs.readAll(lru, d.get(i));
            }
            assertEquals(4L * BLOB, lru.keptBytes());
        }
        try (Composition c = persistentLru(near, far, 2L * BLOB + 1000)) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            BlobService nearStore = c.build(ServiceKind.BLOB, "near");
            lru.awaitCounted();
            assertEquals(2, lru.keptBlobs(), "counted four, evicted two");
            assertEquals(2L * BLOB, lru.keptBytes());
            Map<B3Digest, Long> kept = listed(nearStore);
            assertEquals(2, kept.size(), "two blobs were deleted from near: " + kept);
            assertTrue(d.containsAll(kept.keySet()));
            assertEquals(List.of((long) BLOB, (long) BLOB), List.copyOf(kept.values()));
            B3Digest evicted = d.stream().filter(x -> !kept.containsKey(x)).findFirst().orElseThrow();
            assertArrayEquals(Fixtures.randomBytes(100 + d.indexOf(evicted), BLOB), Blobs.readAll(lru, evicted));
            assertTrue(nearStore.has(evicted), "read through from far into near");

            for (int i = 0; i < 4; i++) {
                assertArrayEquals(Fixtures.randomBytes(100 + i, BLOB), Blobs.readAll(lru, d.get(i)), "blob " + i);
                assertTrue(lru.keptBytes() <= 2L * BLOB + 1000, "the bound holds: " + lru.keptBytes());
            }
            assertEquals(Map.of(d.get(2), (long) BLOB, d.get(3), (long) BLOB), listed(nearStore),
                    "the two read last are kept");
        }
    }

    /**
     * What near held at open counts as used before anything read since: after reading one of the
     * three held blobs and a new one, one of the two others is evicted, not those read.
     */
    @ParameterizedTest
    @ValueSource(strings = {"file", "rocksdb"})
    void blobsHeldBeforeOpenAreEvictedBeforeThoseReadSince(String nearType) throws Exception {
        String near = persistentNear(nearType);
        String far = "objectstore+file://" + stores.newDirectory("far");
        long bound = 3L * BLOB + 1000;
        List<B3Digest> d;
        try (Composition c = persistentLru(near, far, bound)) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            d = writeFour(lru);
            for (int i = 0; i < 3; i++) {
                Blobs.readAll(lru, d.get(i));
            }
        }
        try (Composition c = persistentLru(near, far, bound)) {
            LruBlobService lru = (LruBlobService) stores.blobs(c);
            BlobService nearStore = c.build(ServiceKind.BLOB, "near");
            lru.awaitCounted();
            assertEquals(3, lru.keptBlobs(), "the three held blobs are counted, none evicted");
            assertEquals(3L * BLOB, lru.keptBytes());
            assertArrayEquals(Fixtures.randomBytes(100, BLOB), Blobs.readAll(lru, d.get(0)));
            assertArrayEquals(Fixtures.randomBytes(103, BLOB), Blobs.readAll(lru, d.get(3)));
            Map<B3Digest, Long> kept = listed(nearStore);
            assertEquals(3, kept.size(), kept.toString());
            assertTrue(kept.containsKey(d.get(0)) && kept.containsKey(d.get(3)), "the blobs read since open stay");
            assertTrue(kept.containsKey(d.get(1)) != kept.containsKey(d.get(2)), "one held blob went: " + kept);
            assertEquals(3L * BLOB, lru.keptBytes());
        }
    }

    /** A near store that cannot list: what it held at open is counted only once read again. */
    @Test
    void blobsANearStoreThatCannotListHeldAtOpenAreCountedWhenReadAgain() throws Exception {
        MemoryBlobService memory = new MemoryBlobService();
        BlobService unlisted = new ForwardingBlobService(memory) {}; // forwarding leaves listing() out
        MemoryBlobService far = new MemoryBlobService();
        B3Digest held = Blobs.write(memory, Fixtures.BLOB_B);
        Blobs.write(far, Fixtures.BLOB_B);
        LruBlobService lru = new LruBlobService("cache", unlisted, memory, far, 4L << 20);
        lru.awaitCounted();
        assertEquals(0, lru.keptBytes());
        assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(lru, held));
        assertEquals(Fixtures.BLOB_B.length, lru.keptBytes());
        assertEquals(1, memory.size(), "copied over itself, stored once");
    }

    @Test
    void aNearStoreThatCannotDeleteIsRejectedAtBuildNamingTheInstance() throws Exception {
        try (Composition c = stores.compose("""
                {"blobservices": {"root": {"type": "lru", "near": "remote", "far": "memory://", "max_bytes": 1000},
                  "remote": {"type": "grpc", "url": "%s"}}}""".formatted(stores.url(Kind.GRPC)))) {
            CompositionException e = assertThrows(CompositionException.class, () -> stores.blobs(c));
            assertEquals("blob service 'root' (type lru): its near store 'remote' cannot delete blobs, which eviction "
                    + "needs; use a memory, objectstore or rocksdb store", e.getMessage());
        }
    }

    @Test
    void bytesFromFarThatDoNotHashToTheDigestAreNeitherKeptNorServed() throws Exception {
        TamperableBlobService untrusted = TamperableBlobService.unchecked("far");
        B3Digest digest = Blobs.write(untrusted, Fixtures.BLOB_B);
        untrusted.flip(digest, 7);
        MemoryBlobService near = new MemoryBlobService();
        LruBlobService lru = new LruBlobService("cache", near, near, untrusted, 1 << 20);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> lru.open(digest));
        assertTrue(e.getMessage().startsWith("lru blob service 'cache': blob " + digest.toHex()
                + " read from its far store hashes to "), e.getMessage());
        assertEquals(0, near.size(), "the copy was deleted from near");
        assertEquals(0, lru.keptBytes());
    }

    @Test
    void aBlobBeingReadIsNotEvictedUntilItsReaderCloses() throws Exception {
        MemoryBlobService near = new MemoryBlobService();
        LruBlobService lru = new LruBlobService("cache", near, near, new MemoryBlobService(), BLOB);
        List<B3Digest> d = writeFour(lru);
        try (BlobReader held = lru.open(d.get(0)).orElseThrow()) {
            assertArrayEquals(Fixtures.randomBytes(101, BLOB), Blobs.readAll(lru, d.get(1)));
            assertTrue(near.has(d.get(0)), "pinned by its open reader, though least recently used");
            assertFalse(near.has(d.get(1)), "evicted when its own reader closed, the bound being exceeded");
            assertEquals(BLOB, lru.keptBytes());
            assertArrayEquals(Fixtures.randomBytes(100, BLOB), Blobs.readAll(held));
        }
        assertArrayEquals(Fixtures.randomBytes(102, BLOB), Blobs.readAll(lru, d.get(2)));
        assertFalse(near.has(d.get(0)), "evicted once its reader closed");
        assertTrue(near.has(d.get(2)));
        assertEquals(BLOB, lru.keptBytes());
    }

    @Test
    void aBlobLargerThanTheBoundIsServedFromFarWithoutBeingKept() throws Exception {
        MemoryBlobService near = new MemoryBlobService();
        LruBlobService lru = new LruBlobService("cache", near, near, new MemoryBlobService(), BLOB - 1);
        B3Digest d = Blobs.write(lru, Fixtures.randomBytes(100, BLOB));
        assertArrayEquals(Fixtures.randomBytes(100, BLOB), Blobs.readAll(lru, d));
        assertEquals(0, near.size());
        assertEquals(0, lru.keptBytes());
    }

    @Test
    void fromItsUrlForm() throws Exception {
        try (Composition c = stores.compose(ServiceKind.BLOB, "lru://?near=memory://&far=memory://&max_bytes=1000")) {
            assertEquals(LruBlobService.class, stores.blobs(c).getClass());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> stores.compose(ServiceKind.BLOB, "lru://?near=memory://&far=memory://"));
        assertEquals("invalid blob URL 'lru://?near=memory://&far=memory://': max_bytes is required: how many bytes "
                + "of blobs near may keep (> 0)", e.getMessage());
    }
}
