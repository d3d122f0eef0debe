package dev.castore.store.objectstore.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.castore.store.objectstore.backend.MemoryObjectStore;
import dev.castore.store.objectstore.layout.ZstdCodec;
import org.junit.jupiter.api.Test;

class ChunkFramesTest {

    @Test
    void aSmallChunkGetsAnArrayOfItsFramesSizeThatIsNotKept() {
        ChunkFrames frames = new ChunkFrames(1 << 20, 4);
        byte[] frame = frames.take(1_000);
        assertEquals(ZstdCodec.rawFrameLength(1_000), frame.length);
        frames.giveBack(frame);
        assertEquals(0, frames.waiting());
        assertEquals(0, frames.allocated());
    }

    @Test
    void largeChunksShareArraysSizedForTheLargestFrame() {
        ChunkFrames frames = new ChunkFrames(1 << 20, 4);
        byte[] first = frames.take(100_000);
        assertEquals(ZstdCodec.rawFrameLength(1 << 20), first.length);
        frames.giveBack(first);
        assertSame(first, frames.take(1 << 20), "the largest chunk fits the same array");
        assertEquals(1, frames.allocated());
    }

    @Test
    void theArrayGivenBackLastIsTakenFirst() {
        ChunkFrames frames = new ChunkFrames(1 << 20, 4);
        byte[] older = frames.take(500_000);
        byte[] newer = frames.take(500_000);
        frames.giveBack(older);
        frames.giveBack(newer);
        assertSame(newer, frames.take(500_000), "the array whose bytes are likelier still in the caches");
        assertSame(older, frames.take(500_000));
    }

    @Test
    void atMostKeepArraysWaitAndNoMoreThanTheBytesBoundAllows() {
        ChunkFrames frames = new ChunkFrames(1 << 20, 2);
        byte[][] taken = {frames.take(500_000), frames.take(500_000), frames.take(500_000)};
        for (byte[] f : taken) {
            frames.giveBack(f);
        }
        assertEquals(2, frames.waiting());

        ChunkFrames large = new ChunkFrames(16 << 20, 16);
        byte[][] big = {large.take(8 << 20), large.take(8 << 20), large.take(8 << 20)};
        for (byte[] f : big) {
            large.giveBack(f);
        }
        assertEquals(ChunkFrames.KEEP_BYTES / ZstdCodec.rawFrameLength(16 << 20), large.waiting());
    }

    @Test
    void servicesOfOneChunkSizeShareOnePool() throws Exception {
        assertSame(ChunkFrames.forLargestChunk(1 << 20), ChunkFrames.forLargestChunk(1 << 20));
        assertNotSame(ChunkFrames.forLargestChunk(1 << 20),
                ChunkFrames.forLargestChunk(4 << 20));
        try (ObjectStoreBlobService one = new ObjectStoreBlobService(new MemoryObjectStore("memory:///1"), 65_536);
                ObjectStoreBlobService two = new ObjectStoreBlobService(new MemoryObjectStore("memory:///2"), 65_536)) {
            assertSame(one.frames(), two.frames());
        }
    }
}
