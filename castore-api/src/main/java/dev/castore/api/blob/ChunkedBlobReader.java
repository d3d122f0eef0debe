package dev.castore.api.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link BlobReader} over a chunked blob: fetches each chunk when the position reaches it,
 * verifies its length and BLAKE3 against the chunk list before handing out any of its bytes, and
 * keeps only the current chunk in memory. A seek fetches only the chunk holding the new position.
 */
public final class ChunkedBlobReader extends SegmentedBlobReader {

    /** Fetches the bytes of one chunk; the reader verifies them. */
    @FunctionalInterface
    public interface ChunkFetcher {
        /** The chunk's bytes (its remaining bytes are taken). */
        ByteBuffer fetch(ChunkMeta chunk) throws IOException;
    }

    private final List<ChunkMeta> chunks;
    private final ChunkFetcher fetcher;
    private int currentIndex = -1;
    private ByteBuffer current;

    public ChunkedBlobReader(List<ChunkMeta> chunks, ChunkFetcher fetcher) {
        super(chunks.stream().mapToLong(ChunkMeta::size).toArray());
        this.chunks = List.copyOf(chunks);
        this.fetcher = fetcher;
    }

    @Override
    ByteBuffer segment(int index) throws IOException {
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
    void released() {
        current = null;
    }
}
