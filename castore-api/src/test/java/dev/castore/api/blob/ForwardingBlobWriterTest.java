package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forwarding writer passes the announced size on, so that the writer underneath decides what to get ready. */
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
}
