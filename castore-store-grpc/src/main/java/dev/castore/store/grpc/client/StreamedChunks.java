package dev.castore.store.grpc.client;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.ChunkedBlobReader;
import dev.castore.api.blob.FetchBuffers;
import dev.castore.store.grpc.proto.BlobChunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The chunks of a chunked blob, cut in order out of one Read of the whole blob: one call instead
 * of one per chunk (a gigabyte in the default store's chunks is some thousands of them, each a
 * call of its own). The chunk list still says where each chunk ends, and {@link ChunkedBlobReader}
 * verifies every chunk before serving it and the blob as a whole, as when each chunk is read by
 * itself. A chunk asked for out of order (a seek, or a read-ahead dropped midway) is read by its
 * own call, and so is every chunk after it: the stream is then cancelled.
 *
 * <p>Chunks are cut into {@link FetchBuffers} the size of the blob's largest chunk (up to
 * {@link #MAX_POOLED_CHUNK}), handed back by the reader once served: an array per chunk cost zeroing
 * it, copying it between the young generation's spaces while it was in flight, and a copy into a
 * direct buffer of the JDK's to write it out.
 *
 * <p>The reader fetches a few chunks ahead, each on its own virtual thread: each waits here for
 * its turn, so the stream is consumed in order. A fetch waits only while the chunk before it is
 * being fetched, or for a moment for that fetch to start; a fetch the reader dropped before it
 * started (it moved elsewhere) never comes, and the stream is then given up. So is a stream
 * whose fetch was dropped while it read it (interrupted): gRPC may have cancelled the call.
 */
final class StreamedChunks implements ChunkedBlobReader.ChunkFetcher {

    /** Blobs whose largest chunk is larger than this get a new array for each chunk, not pooled buffers. */
    static final int MAX_POOLED_CHUNK = 8 << 20;

    /** How long a fetch waits for the fetch of the chunk the stream is at to show up. */
    private static final long CLAIM_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Reads one chunk by its own call. */
    interface SingleChunk {
        ByteBuffer fetch(ChunkMeta chunk) throws IOException;
    }

    private final List<ChunkMeta> chunks;
    private final Supplier<InboundStream<BlobChunk>> open;
    private final SingleChunk single;
    private final FetchBuffers buffers; // null for chunks too large to pool
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    /** Chunks whose fetch is in {@link #fetch} now (waiting for its turn, or reading). */
    private final Set<Integer> entered = new HashSet<>();
    private volatile InboundStream<BlobChunk> stream;
    /** The bytes received from the stream before it was handed over, served first. */
    private final ArrayDeque<ByteBuffer> received = new ArrayDeque<>();
    private ByteBuffer leftover = ByteBuffer.allocate(0);
    private int next;
    private boolean abandoned;

    /** {@code open} starts the Read of the whole blob; {@code single} reads one chunk. */
    StreamedChunks(List<ChunkMeta> chunks, Supplier<InboundStream<BlobChunk>> open, SingleChunk single) {
        this.chunks = chunks;
        this.open = open;
        this.single = single;
        long largest = chunks.stream().mapToLong(ChunkMeta::size).max().orElse(0);
        this.buffers = Long.compareUnsigned(largest, MAX_POOLED_CHUNK) <= 0
                ? new FetchBuffers((int) largest, FetchBuffers.DEFAULT_KEEP)
                : null;
    }

    /**
     * Cut out of {@code stream}, a Read of the whole blob already under way, of which
     * {@code received} came before (in order); {@code single} reads one chunk.
     */
    StreamedChunks(List<ChunkMeta> chunks, InboundStream<BlobChunk> stream, List<ByteBuffer> received,
            SingleChunk single) {
        this(chunks, () -> stream, single);
        this.stream = stream;
        this.received.addAll(received);
    }

    @Override
    public ByteBuffer fetch(int index, ChunkMeta chunk) throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for chunk " + index);
        }
        entered.add(index);
        turn.signalAll();
        try {
            long deadline = System.nanoTime() + CLAIM_WAIT_NANOS;
            while (!abandoned && index > next) {
                if (entered.contains(next)) {
                    turn.await();
                    deadline = System.nanoTime() + CLAIM_WAIT_NANOS;
                    continue;
                }
                // Nobody asks for the chunk the stream is at: its fetch was dropped before it
                // started (the reader moved on), or has not started yet. Past the wait, the
                // stream is given up.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    abandon();
                    break;
                }
                turn.awaitNanos(left);
            }
            if (!abandoned && index == next) {
                try {
                    ByteBuffer data = cut(chunk);
                    if (Thread.currentThread().isInterrupted()) {
                        // Dropped while it read the stream. gRPC's blocking stream cancels its
                        // call when the reading thread is interrupted, and may still hand that
                        // thread the messages that had arrived: the next fetch would read the
                        // cancellation where its bytes should be.
                        throw new InterruptedIOException("interrupted while reading chunk " + index);
                    }
                    next++;
                    if (next == chunks.size()) {
                        end();
                    }
                    return data;
                } catch (IOException | RuntimeException e) {
                    abandon();
                    if (Thread.currentThread().isInterrupted() && !(e instanceof InterruptedIOException)) {
                        // Dropped, and the stream failed for it (gRPC cancelled the call).
                        InterruptedIOException dropped = new InterruptedIOException(
                                "interrupted while reading chunk " + index);
                        dropped.initCause(e);
                        throw dropped;
                    }
                    throw e;
                } finally {
                    turn.signalAll();
                }
            }
            abandon();
        } catch (InterruptedException e) {
            // This chunk's fetch was dropped while it waited for its turn.
            abandon();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for chunk " + index);
        } finally {
            entered.remove(index);
            lock.unlock();
        }
        return single.fetch(chunk);
    }

    /** The next {@code chunk.size()} bytes of the stream. */
    private ByteBuffer cut(ChunkMeta chunk) throws IOException {
        GrpcBlobService.checkSize(chunk);
        if (stream == null) {
            stream = open.get();
        }
        ByteBuffer out = buffers != null ? buffers.take().clear().limit((int) chunk.size())
                : ByteBuffer.allocate((int) chunk.size());
        while (out.hasRemaining()) {
            if (!leftover.hasRemaining()) {
                ByteBuffer data = nextData();
                if (data == null) {
                    throw new CorruptDataException("the server's Read ended " + out.remaining() + " bytes before the end"
                            + " of chunk " + chunk.digest().toHex() + " of its chunk list");
                }
                leftover = data;
            }
            int n = Math.min(out.remaining(), leftover.remaining());
            out.put(out.position(), leftover, leftover.position(), n);
            out.position(out.position() + n);
            leftover.position(leftover.position() + n);
        }
        return out.flip();
    }

    @Override
    public void release(ByteBuffer fetched) {
        if (buffers != null) {
            buffers.giveBack(fetched);
        }
    }

    /** Chunk buffers made so far (-1 without pooling), for tests. */
    int buffersAllocated() {
        return buffers == null ? -1 : buffers.allocated();
    }

    /** After the last chunk the stream must end. */
    private void end() throws IOException {
        while (!leftover.hasRemaining()) {
            ByteBuffer data = nextData();
            if (data == null) {
                stream.close();
                return;
            }
            leftover = data;
        }
        throw new CorruptDataException("the server's Read sent more bytes than the chunk list of the blob adds up to");
    }

    /** The next bytes of the Read: those received before it was handed over first; null at its end. */
    private ByteBuffer nextData() throws IOException {
        if (!received.isEmpty()) {
            return received.poll();
        }
        BlobChunk m = stream.next();
        return m == null ? null : m.getData().asReadOnlyByteBuffer();
    }

    /** From now on every chunk is read by its own call. */
    private void abandon() {
        abandoned = true;
        if (stream != null) {
            stream.close();
        }
        turn.signalAll();
    }

    /**
     * Cancels the stream, if one is open (the reader was closed): first without the lock, which
     * wakes a fetch waiting on the server, then under it, for a stream opened meanwhile.
     */
    @Override
    public void close() {
        InboundStream<BlobChunk> s = stream;
        if (s != null) {
            s.close();
        }
        lock.lock();
        try {
            abandon();
        } finally {
            lock.unlock();
        }
    }
}
