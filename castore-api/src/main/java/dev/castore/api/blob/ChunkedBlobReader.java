package dev.castore.api.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link BlobReader} over a chunked blob: fetches each chunk when the position reaches it,
 * verifies its length and BLAKE3 against the chunk list before handing out any of its bytes, and
 * keeps only the current chunk in memory. A seek fetches only the chunk holding the new position.
 */
public final class ChunkedBlobReader implements BlobReader {

    /** Fetches the bytes of one chunk; the reader verifies them. */
    @FunctionalInterface
    public interface ChunkFetcher {
        /** The chunk's bytes (its remaining bytes are taken). */
        ByteBuffer fetch(ChunkMeta chunk) throws IOException;
    }

    private final List<ChunkMeta> chunks;
    private final long[] starts;
    private final long size;
    private final ChunkFetcher fetcher;
    private long position;
    private int currentIndex = -1;
    private ByteBuffer current;
    private boolean open = true;

    public ChunkedBlobReader(List<ChunkMeta> chunks, ChunkFetcher fetcher) {
        this.chunks = List.copyOf(chunks);
        this.fetcher = fetcher;
        this.starts = new long[this.chunks.size()];
        long s = 0;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = s;
            s += this.chunks.get(i).size();
        }
        this.size = s;
    }

    /** Total length in bytes, the sum of the chunk sizes. */
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
            int i = chunkAt(position);
            ByteBuffer chunk = load(i);
            int offset = (int) (position - starts[i]);
            int n = Math.min(dst.remaining(), chunk.remaining() - offset);
            dst.put(dst.position(), chunk, offset, n);
            dst.position(dst.position() + n);
            position += n;
            total += n;
        }
        return total;
    }

    private int chunkAt(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        if (i < 0) {
            i = -i - 2;
        }
        while (i < starts.length - 1 && starts[i + 1] <= pos) {
            i++;
        }
        return i;
    }

    private ByteBuffer load(int index) throws IOException {
        if (index != currentIndex) {
            current = null;
            ChunkMeta meta = chunks.get(index);
            ByteBuffer data = fetcher.fetch(meta).slice();
            verify(meta, data);
            current = data;
            currentIndex = index;
        }
        return current;
    }

    /** Fails with {@link CorruptDataException} unless {@code data} has the chunk's length and digest. */
    public static void verify(ChunkMeta meta, ByteBuffer data) throws CorruptDataException {
        if (data.remaining() != meta.size()) {
            throw new CorruptDataException("chunk " + meta.digest().toHex() + " has " + data.remaining()
                    + " bytes, the chunk list says " + Long.toUnsignedString(meta.size()));
        }
        B3Digest actual = Blake3.hash(data.duplicate());
        if (!actual.equals(meta.digest())) {
            throw new CorruptDataException("chunk contents invalid: expected " + meta.digest().toHex()
                    + ", got " + actual.toHex());
        }
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
        current = null;
    }
}
