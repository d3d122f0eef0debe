package dev.castore.composition.combinator;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes one blob to both sides of a mirror. The commit commits both and succeeds only when both
 * succeed with the same digest; when one side fails, the blob may be left on the other, which is
 * harmless in a content-addressed store and is what a retry completes.
 */
final class MirroredBlobWriter implements BlobWriter {

    private final String name;
    private final BlobWriter a;
    private final BlobWriter b;

    MirroredBlobWriter(String name, BlobWriter a, BlobWriter b) {
        this.name = name;
        this.a = a;
        this.b = b;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        ByteBuffer copy = src.duplicate();
        while (copy.hasRemaining()) {
            a.write(copy);
        }
        while (src.hasRemaining()) {
            b.write(src);
        }
        return n;
    }

    @Override
    public B3Digest commit() throws IOException {
        B3Digest da = a.commit();
        B3Digest db = b.commit();
        if (!da.equals(db)) {
            throw new StorageException("mirrored blob service '" + name + "': its two stores committed different digests, "
                    + da.toHex() + " and " + db.toHex());
        }
        return da;
    }

    @Override
    public boolean isOpen() {
        return a.isOpen() && b.isOpen();
    }

    /** Closes a, then b even when that fails; a failure of both throws a's with b's suppressed. */
    @Override
    public void close() throws IOException {
        try (b) {
            a.close();
        }
    }
}
