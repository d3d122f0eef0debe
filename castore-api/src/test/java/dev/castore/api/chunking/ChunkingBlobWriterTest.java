package dev.castore.api.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A writer whose store fails with an {@link Error} (out of memory, a failed assertion) loses the
 * blob: the error reaches the caller as it is, and the blob is never published without the chunk
 * that was not stored.
 */
class ChunkingBlobWriterTest {

    private static final FastCdc CDC = FastCdc.forAverage(1024);

    /** Stores chunks by counting them; the {@code failAt}-th chunk throws {@code error} instead. */
    private static final class Counting extends ChunkingBlobWriter {
        private final int failAt;
        private final Error error;
        int chunks;
        int published;
        int failedCalls;

        Counting(int failAt, Error error) {
            super(Blake3.newHasher(), CDC);
            this.failAt = failAt;
            this.error = error;
        }

        @Override
        protected void chunk(byte[] buffer, int offset, int length, B3Digest whole) {
            if (++chunks == failAt) {
                throw error;
            }
        }

        @Override
        protected void publish(B3Digest blob) {
            published++;
        }

        @Override
        protected String location() {
            return "a test store";
        }

        @Override
        protected void failed() {
            failedCalls++;
        }
    }

    private static byte[] data() {
        byte[] data = new byte[64 * 1024];
        new SplittableRandom(7).nextBytes(data);
        return data;
    }

    @Test
    void anErrorWhileWritingFailsTheWriterAndNothingIsPublished() throws IOException {
        Error error = new OutOfMemoryError("test: no room for the chunk");
        Counting w = new Counting(2, error);
        byte[] data = data();
        Error thrown = assertThrows(Error.class, () -> {
            for (int at = 0; at < data.length; at += 4096) {
                w.write(ByteBuffer.wrap(data, at, 4096));
            }
        });
        assertSame(error, thrown, "the error reaches the caller as it is");
        assertEquals(1, w.failedCalls, "the store was told to let go of the blob");
        assertFalse(w.isOpen());
        StorageException later = assertThrows(StorageException.class, w::commit);
        assertTrue(later.getMessage().contains("a test store"), later.getMessage());
        assertSame(error, later.getCause());
        assertThrows(StorageException.class, () -> w.write(ByteBuffer.wrap(data)), "writes are refused too");
        assertEquals(0, w.published, "a blob with a chunk missing is never published");
        w.close();
    }

    @Test
    void anErrorInTheCommitFailsTheWriterAndTheNextCommitSaysSo() throws IOException {
        Error error = new AssertionError("test: the last chunk");
        Counting w = new Counting(Integer.MAX_VALUE, error);
        byte[] data = data();
        w.write(ByteBuffer.wrap(data));
        Counting last = new Counting(w.chunks + 1, error); // fails at the first chunk the commit cuts
        last.write(ByteBuffer.wrap(data));
        assertSame(error, assertThrows(Error.class, last::commit));
        assertSame(error, assertThrows(StorageException.class, last::commit).getCause());
        assertEquals(0, last.published);
        assertEquals(Blake3.hash(data), w.commit(), "the same blob without the error commits");
        assertEquals(1, w.published);
    }
}
