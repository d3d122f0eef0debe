package dev.castore.store.grpc.client;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.blob.Spool;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.store.grpc.proto.BlobChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receives a whole blob from a Read stream and hands it out only once its BLAKE3 matched. Up to
 * {@link #IN_MEMORY_LIMIT} bytes stay in the received messages; beyond that everything goes to a
 * {@link Spool} (gone when its reader closes), so the heap stays bounded for blobs of any size.
 */
final class VerifiedDownload {

    /** Blobs up to this size are kept in memory. */
    static final long IN_MEMORY_LIMIT = 8L << 20;

    private VerifiedDownload() {}

    /** The verified blob, or empty when the server says NOT_FOUND. */
    static Optional<BlobReader> of(B3Digest digest, InboundStream<BlobChunk> stream, Path spoolDirectory)
            throws IOException {
        Blake3Hasher hasher = Blake3.newHasher();
        List<ByteBuffer> held = new ArrayList<>();
        long size = 0;
        Spool spool = null;
        try {
            for (BlobChunk m = stream.next(); m != null; m = stream.next()) {
                ByteBuffer data = m.getData().asReadOnlyByteBuffer();
                hasher.update(data.duplicate());
                size += data.remaining();
                if (spool == null && size > IN_MEMORY_LIMIT) {
                    spool = new Spool(spoolDirectory);
                    for (ByteBuffer b : held) {
                        spool.append(b);
                    }
                    held.clear();
                }
                if (spool != null) {
                    spool.append(data);
                } else {
                    held.add(data);
                }
            }
            B3Digest actual = hasher.digest();
            if (!actual.equals(digest)) {
                throw new CorruptDataException("blob " + digest.toHex() + " received with the wrong contents: "
                        + "its BLAKE3 is " + actual.toHex() + " (" + size + " bytes)");
            }
            BlobReader reader = spool != null ? spool.reader() : new ByteBufferBlobReader(held);
            spool = null;
            return Optional.of(reader);
        } catch (RuntimeException e) {
            if (RemoteErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
    }
}
