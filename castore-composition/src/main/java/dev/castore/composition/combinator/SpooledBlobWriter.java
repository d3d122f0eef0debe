package dev.castore.composition.combinator;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Spool;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

/**
 * Writes a blob whose destination depends on its digest: the bytes go to a {@link Spool} (gone
 * when the writer closes) while they are hashed, and the commit streams them to the writer chosen
 * for the digest, whose commit must yield the same digest.
 */
final class SpooledBlobWriter implements BlobWriter {

    /** Opens the writer of the store that takes the blob with this digest. */
    @FunctionalInterface
    interface Destination {
        BlobWriter open(B3Digest digest) throws IOException;
    }

    private static final int BUFFER = 1 << 20;

    private final Spool spool;
    private final Destination destination;
    private final String owner;
    private final Blake3Hasher hasher = Blake3.newHasher();
    private B3Digest committed;
    private boolean open = true;

    private SpooledBlobWriter(Spool spool, Destination destination, String owner) {
        this.spool = spool;
        this.destination = destination;
        this.owner = owner;
    }

    static SpooledBlobWriter create(Path directory, Destination destination, String owner) {
        return new SpooledBlobWriter(new Spool(directory), destination, owner);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (committed != null) {
            throw new InvalidRequestException("blob writer already committed");
        }
        int n = src.remaining();
        hasher.update(src.duplicate());
        spool.append(src);
        return n;
    }

    @Override
    public B3Digest commit() throws IOException {
        if (committed != null) {
            return committed;
        }
        if (!open) {
            throw new ClosedChannelException();
        }
        B3Digest digest = hasher.digest();
        try (BlobWriter out = destination.open(digest)) {
            // Sized to the blob: most are small, and a direct buffer is freed only by the collector.
            ByteBuffer buf = ByteBuffer.allocate(Math.clamp(spool.size(), 1, BUFFER));
            long at = 0;
            for (int n = spool.read(buf, at); n >= 0; n = spool.read(buf, at)) {
                at += n;
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
            }
            B3Digest stored = out.commit();
            if (!stored.equals(digest)) {
                throw new StorageException(owner + ": the shard stored blob " + digest.toHex() + " as " + stored.toHex());
            }
        }
        committed = digest;
        return digest;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        spool.close();
    }
}
