package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.client.GrpcBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The client checks the digest a server answers to a Put against the bytes it sent. */
class PutVerificationTest {

    @Test
    void aServerAnsweringAnotherDigestFailsThePut() throws IOException {
        byte[] data = new byte[600 * 1024]; // three messages
        new SplittableRandom(3).nextBytes(data);
        try (LoopbackServer server = LoopbackServer.serve(new LyingBlobService(new MemoryBlobService()),
                        new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient();
                BlobWriter writer = client.openWriter()) {
            writer.write(ByteBuffer.wrap(data));

            CorruptDataException e = assertThrows(CorruptDataException.class, writer::commit);

            assertTrue(e.getMessage().contains("the bytes sent have digest " + Blake3.hash(data).toHex()), e.getMessage());
        }
    }

    @Test
    void anHonestServersDigestIsTheBytesDigest() throws IOException {
        byte[] data = new byte[600 * 1024];
        new SplittableRandom(4).nextBytes(data);
        try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
                GrpcBlobService client = server.blobClient();
                BlobWriter writer = client.openWriter()) {
            writer.write(ByteBuffer.wrap(data));

            assertEquals(Blake3.hash(data), writer.commit());
            assertFalse(client.open(Blake3.hash(data)).isEmpty());
        }
    }

    /** A backend that stores what it is given and answers the digest of the bytes with the first one flipped. */
    private static final class LyingBlobService extends ForwardingBlobService {
        LyingBlobService(MemoryBlobService inner) {
            super(inner);
        }

        @Override
        public BlobWriter openWriter() throws IOException {
            return new ForwardingBlobWriter(delegate().openWriter()) {
                @Override
                public B3Digest commit() throws IOException {
                    byte[] digest = delegate().commit().toBytes();
                    digest[0] ^= 1;
                    return B3Digest.of(digest);
                }
            };
        }

        @Override
        public void close() throws IOException {
            delegate().close();
        }
    }
}
