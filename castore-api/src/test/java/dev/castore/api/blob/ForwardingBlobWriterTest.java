package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * A forwarding writer passes the announced size on, so that the writer underneath decides what to
 * get ready, and hands reads from a channel to it, so that a writer reading into buffers of its own
 * keeps doing so.
 */
class ForwardingBlobWriterTest {

    @Test
    void theAnnouncedSizeReachesTheDelegate() throws Exception {
        List<Long> announced = new ArrayList<>();
        BlobWriter inner = new BlobWriter() {
            private long size;

            @Override
            public void expect(long bytes) {
                announced.add(bytes);
            }

            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
                size += n;
                return n;
            }

            @Override
            public B3Digest commit() {
                return Blake3.hash(new byte[(int) size]);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        try (BlobWriter writer = new ForwardingBlobWriter(inner) {}) {
            writer.expect(3);
            writer.write(new byte[3], 0, 3);

            assertEquals(List.of(3L), announced);
            assertEquals(Blake3.hash(new byte[3]), writer.commit());
        }
    }

    @Test
    void readsFromAChannelGoToTheDelegate() throws Exception {
        List<String> calls = new ArrayList<>();
        BlobWriter inner = new BlobWriter() {
            @Override
            public long writeFrom(ReadableByteChannel in, ByteBuffer buffer, LongConsumer progress) throws IOException {
                calls.add("writeFrom");
                return BlobWriter.super.writeFrom(in, buffer, progress);
            }

            @Override
            public int write(ByteBuffer src) {
                calls.add("write " + src.remaining());
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public B3Digest commit() {
                return Blake3.hash(new byte[0]);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        List<Long> progress = new ArrayList<>();
        try (BlobWriter writer = new ForwardingBlobWriter(inner) {}) {
            long n = writer.writeFrom(Channels.newChannel(new ByteArrayInputStream(new byte[5])), ByteBuffer.allocate(8),
                    progress::add);
            assertEquals(5, n);
        }
        assertEquals(List.of("writeFrom", "write 5"), calls);
        assertEquals(List.of(5L), progress);
    }
}
