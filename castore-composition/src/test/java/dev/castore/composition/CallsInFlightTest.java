package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.composition.combinator.CombinedBlobService;
import dev.castore.composition.combinator.HasCacheBlobService;
import dev.castore.composition.combinator.LruBlobService;
import dev.castore.composition.combinator.MirroredBlobService;
import dev.castore.composition.combinator.ReadonlyBlobService;
import dev.castore.composition.combinator.RendezvousHash;
import dev.castore.composition.combinator.ShardingBlobService;
import dev.castore.composition.combinator.VerifyingBlobService;
import dev.castore.store.memory.MemoryBlobService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decorators pass on how many calls the store they write to wants in flight (an import keeps
 * that many small files uploading through a store across a network).
 */
class CallsInFlightTest {

    private static BlobService remote(int calls) {
        return new ForwardingBlobService(new MemoryBlobService()) {
            @Override
            public int callsInFlight() {
                return calls;
            }
        };
    }

    @Test
    void decoratorsOfOneStoreSayItsNumber() {
        BlobService far = remote(16);
        assertEquals(16, new ReadonlyBlobService("r", far).callsInFlight());
        assertEquals(16, new VerifyingBlobService(far).callsInFlight());
        assertEquals(16, new HasCacheBlobService(far, 10, Duration.ofMinutes(1), InstantSource.system()).callsInFlight());
        MemoryBlobService near = new MemoryBlobService();
        assertEquals(16, new LruBlobService("lru", near, near, far, 1 << 20).callsInFlight(), "lru writes to far");
        assertEquals(0, new CombinedBlobService(near, far).callsInFlight(), "combined writes to near");
        assertEquals(0, new MemoryBlobService().callsInFlight());
    }

    @Test
    void decoratorsOfSeveralStoresSayTheLargest() {
        assertEquals(16, new MirroredBlobService("m", new MemoryBlobService(), remote(16)).callsInFlight());
        RendezvousHash hash = new RendezvousHash(List.of(new RendezvousHash.Shard("a", 1), new RendezvousHash.Shard("b", 1)));
        assertEquals(8, new ShardingBlobService("s", List.of(remote(8), new MemoryBlobService()), hash, Path.of("/tmp"))
                .callsInFlight());
    }
}
