package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

/** A forwarding reader hands a transfer to its delegate, so a reader that serves its buffers as they are keeps doing so. */
class ForwardingBlobReaderTest {

    @Test
    void aTransferGoesToTheDelegate() throws Exception {
        byte[] data = {1, 2, 3, 4, 5};
        BlobReader inner = new BlobReader() {
            private long position;

            @Override
            public int read(ByteBuffer dst) {
                throw new AssertionError("the transfer must not go through read");
            }

            @Override
            public long transferTo(WritableByteChannel out) throws java.io.IOException {
                long n = out.write(ByteBuffer.wrap(data, (int) position, data.length - (int) position));
                position += n;
                return n;
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public BlobReader position(long newPosition) {
                position = newPosition;
                return this;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlobReader reader = new ForwardingBlobReader(inner) {}) {
            reader.position(1);
            assertEquals(4, reader.transferTo(Channels.newChannel(out)));
            assertEquals(5, reader.position());
        }
        assertArrayEquals(new byte[] {2, 3, 4, 5}, out.toByteArray());
    }
}
