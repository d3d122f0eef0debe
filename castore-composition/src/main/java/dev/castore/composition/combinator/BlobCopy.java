package dev.castore.composition.combinator;

import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Copies one blob between services through a bounded buffer; the target's commit must yield the digest. */
final class BlobCopy {

    /** The largest read: a blob over it is copied in reads of this size. */
    static final int BUFFER = 1 << 20;

    /** The first read: the whole of most blobs. */
    static final int FIRST_BUFFER = 64 * 1024;

    private BlobCopy() {}

    /**
     * Copies {@code digest} from {@code from} into {@code to}; false when {@code from} does not
     * have it.
     *
     * @throws CorruptDataException when what was read hashes to another digest (the target then
     *     holds that other, correctly addressed blob, and not {@code digest})
     */
    static boolean copy(B3Digest digest, BlobService from, BlobService to, Durability durability) throws IOException {
        Optional<BlobReader> source = from.open(digest);
        if (source.isEmpty()) {
            return false;
        }
        try (BlobReader in = source.get(); BlobWriter out = to.openWriter(durability)) {
            transfer(in, out, Long.MAX_VALUE);
            B3Digest copied = out.commit();
            if (!copied.equals(digest)) {
                throw new CorruptDataException("blob " + digest.toHex() + " read for copying hashes to " + copied.toHex());
            }
            return true;
        }
    }

    /**
     * Writes what {@code in} reads into {@code out}, without committing; the number of bytes, or
     * -1 as soon as there are more than {@code limit} (then {@code out} holds a part: close it
     * uncommitted).
     */
    static long transfer(BlobReader in, BlobWriter out, long limit) throws IOException {
        // Starts small and doubles while reads fill it: a buffer of BUFFER for every copy, a small
        // blob's too, was zeroed and collected each time (as the gRPC server's Read did).
        ByteBuffer buf = ByteBuffer.allocate(FIRST_BUFFER);
        long size = 0;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            size += n;
            if (size > limit) {
                return -1;
            }
            boolean filled = !buf.hasRemaining();
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            buf = filled && buf.capacity() < BUFFER
                    ? ByteBuffer.allocate(Math.min(2 * buf.capacity(), BUFFER))
                    : buf.clear();
        }
        return size;
    }
}
