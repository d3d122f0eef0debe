package dev.castore.store.objectstore.blob;

import dev.castore.store.objectstore.layout.ZstdCodec;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The arrays that the object store's writers frame chunks in ({@link ZstdCodec#rawFrame(byte[],
 * int, int, byte[])}) on their way to the store, kept for the next chunks once stored. An array per
 * chunk cost an import of 1 GiB into {@code file://} a gigabyte of arrays to zero and, in the
 * launcher's young generation of 32 MiB, about seventy collections, each of which stopped every
 * thread and copied the chunks in flight. The arrays of a pool are all of one size, the frame of
 * the largest chunk its services cut; a frame of fewer than {@link #POOLED_FROM} bytes gets an array
 * of its own size instead, as cheap as a small array is and no larger than it needs to be (most
 * files of a tree are small). At most {@code keep} arrays wait for reuse, and the services of a
 * process that cut chunks of the same largest size share one pool ({@link #forLargestChunk}): a
 * pool per service kept its arrays for as long as the service lived, which a process with many
 * stores (a composition, the tests) paid for each of them. Thread-safe.
 */
final class ChunkFrames {

    /** Frames shorter than this are not pooled. */
    static final int POOLED_FROM = 64 * 1024;
    /** The most bytes of arrays kept waiting, whatever the chunk size. */
    static final int KEEP_BYTES = 32 << 20;

    /** Arrays kept for the frames of one service's uploads in flight and another's (a tree's import has two writers). */
    static final int KEEP = 2 * ObjectStoreBlobService.UPLOADS_IN_FLIGHT;

    /** The shared pools, by the largest chunk they frame. */
    private static final ConcurrentHashMap<Integer, ChunkFrames> SHARED = new ConcurrentHashMap<>();

    private final int size;
    // A stack: the array given back last is taken first, its bytes likelier still in the caches
    // (a queue went round all the arrays kept, so each copy into one missed them: BENCHMARKS.md).
    private final LinkedBlockingDeque<byte[]> spare;
    private final AtomicInteger allocated = new AtomicInteger();

    /** Arrays for the frames of chunks of at most {@code largestChunk} bytes, at most {@code keep} kept. */
    ChunkFrames(int largestChunk, int keep) {
        this.size = ZstdCodec.rawFrameLength(largestChunk);
        this.spare = new LinkedBlockingDeque<>(Math.max(1, Math.min(keep, KEEP_BYTES / size)));
    }

    /** The pool this process's writers share for chunks of at most {@code largestChunk} bytes. */
    static ChunkFrames forLargestChunk(int largestChunk) {
        return SHARED.computeIfAbsent(largestChunk, size -> new ChunkFrames(size, KEEP));
    }

    /** An array to frame a chunk of {@code chunkLength} bytes in, from its start; its content is undefined. */
    byte[] take(int chunkLength) {
        int frame = ZstdCodec.rawFrameLength(chunkLength);
        if (frame < POOLED_FROM || frame > size) {
            return new byte[frame];
        }
        byte[] spareFrame = spare.pollFirst();
        if (spareFrame != null) {
            return spareFrame;
        }
        allocated.incrementAndGet();
        return new byte[size];
    }

    /** Keeps {@code frame}, which {@link #take} returned and nothing reads any more, when it is a pooled one and there is room. */
    void giveBack(byte[] frame) {
        if (frame.length == size && size >= POOLED_FROM) {
            spare.offerFirst(frame);
        }
    }

    /** Arrays of the pooled size allocated so far, for tests. */
    int allocated() {
        return allocated.get();
    }

    /** Arrays waiting for reuse, for tests. */
    int waiting() {
        return spare.size();
    }
}
