package dev.castore.api.digest;

import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Semaphore;

/**
 * A hasher for long streams that hashes on every core: the input is copied into segments of
 * {@link #SEGMENT_SIZE} bytes, each full segment's chaining value is computed on the
 * {@link HashingPool} while more input arrives, and the values are combined in order
 * ({@link Blake3Segments}). At most {@link #IN_FLIGHT} segments wait or hash at a time, so the
 * memory is bounded and a fast writer waits for the cores. An input of one segment or less is
 * hashed on the caller's thread at {@link #digest()}, after one copy, with no task at all.
 */
final class ParallelBlake3Hasher implements Blake3Hasher {

    static final int SEGMENT_SIZE = 1 << 20;
    static final int IN_FLIGHT = 2 * HashingPool.get().getParallelism() + 2;
    private static final int FIRST_BUFFER = 16 * 1024;

    private final Blake3Provider provider;
    private final Blake3Segments segments = new Blake3Segments(SEGMENT_SIZE);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    // Segments handed to the pool, oldest first, and their buffers once hashed, for reuse: a
    // stack, the one hashed last taken first (its bytes likelier still in the caches).
    private final ArrayDeque<ForkJoinTask<byte[]>> pending = new ArrayDeque<>();
    private final ConcurrentLinkedDeque<byte[]> spare = new ConcurrentLinkedDeque<>();
    private Blake3Segments.Merger merged = new Blake3Segments.Merger();
    private byte[] current = new byte[FIRST_BUFFER];
    private int filled;
    private long index;

    ParallelBlake3Hasher(Blake3Provider provider) {
        this.provider = provider;
    }

    @Override
    public ParallelBlake3Hasher update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        int off = offset;
        int len = length;
        while (len > 0) {
            int take = Math.min(len, room());
            System.arraycopy(input, off, current, filled, take);
            filled += take;
            off += take;
            len -= take;
        }
        return this;
    }

    @Override
    public ParallelBlake3Hasher update(ByteBuffer input) {
        while (input.hasRemaining()) {
            int take = Math.min(input.remaining(), room());
            input.get(current, filled, take);
            filled += take;
        }
        return this;
    }

    /** Room in the current segment for more input, after handing a full one to the pool. */
    private int room() {
        if (filled == SEGMENT_SIZE) {
            // More input follows, so this segment is not the last: its chaining value is final.
            submit();
        } else if (filled == current.length) {
            current = Arrays.copyOf(current, Math.min(SEGMENT_SIZE, 4 * current.length));
        }
        return current.length - filled;
    }

    private void submit() {
        inFlight.acquireUninterruptibly();
        byte[] segment = current;
        long firstChunk = index * (SEGMENT_SIZE / 1024);
        pending.add(HashingPool.get().submit(() -> {
            try {
                return provider.chainingValue(ByteBuffer.wrap(segment), firstChunk);
            } finally {
                try {
                    spare.push(segment);
                } finally {
                    inFlight.release(); // whatever happened, or the writer waits for ever
                }
            }
        }));
        index++;
        byte[] reused = spare.poll();
        current = reused != null ? reused : new byte[SEGMENT_SIZE];
        filled = 0;
        while (!pending.isEmpty() && pending.peek().isDone()) {
            merged.push(pending.poll().join());
        }
    }

    @Override
    public B3Digest digest() {
        ByteBuffer last = ByteBuffer.wrap(current, 0, filled);
        if (index == 0) {
            return provider.hash(last);
        }
        // Leaves the state as it is: the pending values are folded into a copy of the merger.
        Blake3Segments.Merger copy = merged.copy();
        for (ForkJoinTask<byte[]> task : pending) {
            copy.push(task.join());
        }
        return copy.root(provider.chainingValue(last, index * (SEGMENT_SIZE / 1024)));
    }

    @Override
    public ParallelBlake3Hasher reset() {
        for (ForkJoinTask<byte[]> task : pending) {
            task.join();
        }
        pending.clear();
        merged = new Blake3Segments.Merger();
        filled = 0;
        index = 0;
        return this;
    }
}
