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

/**
 * Receives a whole blob from a Read stream and hands it out only once its BLAKE3 matched. Up to
 * {@link #IN_MEMORY_LIMIT} bytes stay in the received messages; beyond that everything goes to a
 * {@link Spool} (gone when its reader closes, or with this download if never handed out), so the
 * heap stays bounded for blobs of any size. The stream may be received in parts: up to a size,
 * then on to its end.
 */
final class VerifiedDownload implements AutoCloseable {

    /** Blobs up to this size are kept in memory. */
    static final long IN_MEMORY_LIMIT = 8L << 20;

    private final B3Digest digest;
    private final Path spoolDirectory;
    private final Blake3Hasher hasher = Blake3.newHasher();
    private final List<ByteBuffer> held = new ArrayList<>();
    private long size;
    private Spool spool;

    VerifiedDownload(B3Digest digest, Path spoolDirectory) {
        this.digest = digest;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Receives {@code stream}'s messages until its end (true), or until more than {@code limit}
     * bytes have come in all (false: the rest is still to be received). A NOT_FOUND from the
     * server surfaces as the status exception, as from {@link InboundStream#next()}.
     */
    boolean receive(InboundStream<BlobChunk> stream, long limit) throws IOException {
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
            if (size > limit) {
                return false;
            }
        }
        return true;
    }

    /** The bytes received so far, in order, while they are all in memory (under {@link #IN_MEMORY_LIMIT}). */
    List<ByteBuffer> received() {
        if (spool != null) {
            throw new IllegalStateException("the download is spooled");
        }
        return List.copyOf(held);
    }

    /** The blob received to its end, once its BLAKE3 matched; its reader then owns the spool. */
    BlobReader verified() throws IOException {
        B3Digest actual = hasher.digest();
        if (!actual.equals(digest)) {
            throw new CorruptDataException("blob " + digest.toHex() + " received with the wrong contents: "
                    + "its BLAKE3 is " + actual.toHex() + " (" + size + " bytes)");
        }
        BlobReader reader = spool != null ? spool.reader() : new ByteBufferBlobReader(held);
        spool = null;
        return reader;
    }

    /** Deletes the spool of a blob not handed out. */
    @Override
    public void close() throws IOException {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}
