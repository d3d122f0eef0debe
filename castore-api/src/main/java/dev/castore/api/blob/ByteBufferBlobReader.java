package dev.castore.api.blob;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link BlobReader} over bytes already in memory, held as a list of segments so that a large
 * blob need not be one array. Seeking is free. The segments are not copied; they must not change.
 */
public final class ByteBufferBlobReader extends SegmentedBlobReader {

    private final ByteBuffer[] segments;

    /** A reader over the concatenation of {@code segments} (their remaining bytes). */
    public ByteBufferBlobReader(List<ByteBuffer> segments) {
        this(segments.stream().map(ByteBuffer::slice).toArray(ByteBuffer[]::new));
    }

    private ByteBufferBlobReader(ByteBuffer[] segments) {
        super(Arrays.stream(segments).mapToLong(ByteBuffer::remaining).toArray());
        this.segments = segments;
    }

    /** A reader over {@code bytes}. */
    public static ByteBufferBlobReader of(byte[] bytes) {
        return new ByteBufferBlobReader(List.of(ByteBuffer.wrap(bytes)));
    }

    @Override
    ByteBuffer segment(int index) {
        return segments[index];
    }
}
