package dev.castore.api.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link BlobReader} over bytes already in memory, held as a list of segments so that a large
 * blob need not be one array. Seeking is free. The segments are not copied; they must not change.
 */
public final class ByteBufferBlobReader implements BlobReader {

    private final ByteBuffer[] segments;
    private final long[] starts;
    private final long size;
    private long position;
    private boolean open = true;

    /** A reader over the concatenation of {@code segments} (their remaining bytes). */
    public ByteBufferBlobReader(List<ByteBuffer> segments) {
        this.segments = segments.stream().map(ByteBuffer::slice).toArray(ByteBuffer[]::new);
        this.starts = new long[this.segments.length];
        long s = 0;
        for (int i = 0; i < this.segments.length; i++) {
            starts[i] = s;
            s += this.segments[i].remaining();
        }
        this.size = s;
    }

    /** A reader over {@code bytes}. */
    public static ByteBufferBlobReader of(byte[] bytes) {
        return new ByteBufferBlobReader(List.of(ByteBuffer.wrap(bytes)));
    }

    /** Total length in bytes. */
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            int i = segmentAt(position);
            ByteBuffer seg = segments[i];
            int offset = (int) (position - starts[i]);
            int n = Math.min(dst.remaining(), seg.remaining() - offset);
            dst.put(dst.position(), seg, offset, n);
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    private int segmentAt(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        if (i < 0) {
            i = -i - 2;
        }
        // Skip empty segments that share a start offset with the next one.
        while (i < segments.length - 1 && starts[i + 1] <= pos) {
            i++;
        }
        return i;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
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
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
