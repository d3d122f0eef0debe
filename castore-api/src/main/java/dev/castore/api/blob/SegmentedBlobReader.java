package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * The position bookkeeping shared by readers over a blob made of consecutive segments of known
 * lengths: reads cross segment boundaries, a seek is a binary search, and only the segment under
 * the position is asked for.
 */
abstract sealed class SegmentedBlobReader implements BlobReader permits ByteBufferBlobReader, ChunkedBlobReader {

    private final long[] starts;
    private final long size;
    private long position;
    private boolean open = true;

    SegmentedBlobReader(long[] lengths) {
        this.starts = new long[lengths.length];
        long s = 0;
        for (int i = 0; i < lengths.length; i++) {
            starts[i] = s;
            s += lengths[i];
        }
        this.size = s;
    }

    /** The whole segment {@code index}, from its first byte (its position is ignored). */
    abstract ByteBuffer segment(int index) throws IOException;

    /** Called once when the reader is closed. */
    void released() {}

    /** The offset of segment {@code index} in the blob. */
    final long offsetOf(int index) {
        return starts[index];
    }

    /** Total length in bytes. */
    public final long size() {
        return size;
    }

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            int i = segmentAt(position);
            ByteBuffer seg = segment(i);
            int offset = (int) (position - starts[i]);
            int n = Math.min(dst.remaining(), seg.limit() - offset);
            dst.put(dst.position(), seg, offset, n);
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    /** Hands each segment's bytes to {@code out} as a view: no copy on this side. */
    @Override
    public final long transferTo(WritableByteChannel out) throws IOException {
        ensureOpen();
        long total = 0;
        while (position < size) {
            int i = segmentAt(position);
            ByteBuffer seg = segment(i);
            int offset = (int) (position - starts[i]);
            ByteBuffer part = seg.slice(offset, seg.limit() - offset);
            while (part.hasRemaining()) {
                int n = out.write(part);
                position += n;
                total += n;
            }
        }
        return total;
    }

    private int segmentAt(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        if (i < 0) {
            i = -i - 2;
        }
        // Skip empty segments that share a start offset with the next one.
        while (i < starts.length - 1 && starts[i + 1] <= pos) {
            i++;
        }
        return i;
    }

    @Override
    public final long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public final BlobReader position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final void close() {
        if (open) {
            open = false;
            released();
        }
    }
}
