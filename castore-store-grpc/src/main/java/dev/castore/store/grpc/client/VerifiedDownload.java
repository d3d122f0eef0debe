package dev.castore.store.grpc.client;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.store.grpc.proto.BlobChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receives a whole blob from a Read stream and hands it out only once its BLAKE3 matched. Up to
 * {@link #IN_MEMORY_LIMIT} bytes stay in memory; beyond that everything goes to a temporary file
 * (deleted when its reader closes), so the heap stays bounded for blobs of any size.
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
        FileChannel spool = null;
        try {
            for (BlobChunk m = stream.next(); m != null; m = stream.next()) {
                ByteBuffer data = m.getData().asReadOnlyByteBuffer();
                hasher.update(data.duplicate());
                size += data.remaining();
                if (spool == null && size > IN_MEMORY_LIMIT) {
                    spool = openSpool(spoolDirectory);
                    for (ByteBuffer b : held) {
                        writeFully(spool, b);
                    }
                    held.clear();
                }
                if (spool != null) {
                    writeFully(spool, data);
                } else {
                    held.add(data);
                }
            }
            B3Digest actual = hasher.digest();
            if (!actual.equals(digest)) {
                throw new CorruptDataException("blob " + digest.toHex() + " received with the wrong contents: "
                        + "its BLAKE3 is " + actual.toHex() + " (" + size + " bytes)");
            }
            BlobReader reader = spool != null ? new SpooledBlobReader(spool, size) : new ByteBufferBlobReader(held);
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

    private static FileChannel openSpool(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "castore-grpc-blob-", ".spool");
        // DELETE_ON_CLOSE: the file goes away with the reader, also when the blob fails verification.
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    private static void writeFully(FileChannel channel, ByteBuffer data) throws IOException {
        ByteBuffer b = data.duplicate();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
