package dev.castore.store.objectstore.directory;

import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.RootFirstVerifier;
import dev.castore.api.model.Directory;
import dev.castore.api.model.InvalidDirectoryException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a stored closure frame by frame, straight from the object's stream: a 4-byte big-endian
 * length, then that many bytes of one Directory's encoding. Each frame's BLAKE3 (over the raw
 * bytes, as tvix/snix compute it) must be the requested root for the first frame and a digest
 * referenced before for the others; the shared {@link RootFirstVerifier} checks that and the
 * sizes. Holds one frame in memory.
 */
final class ClosureReader implements ClosureStream {

    /**
     * The longest frame read: a directory's longest encoding ({@link Directory#MAX_ENCODED_LENGTH},
     * 64 MiB), checked before the frame is read. tvix/snix allow 1000 MiB (their comment says
     * 1 MiB), but no directory they can exchange is longer than 4 MiB; the closure as a whole is
     * bounded by the verifier ({@code DirectoryGraph.MAX_DIRECTORIES}, {@code MAX_BYTES}).
     */
    static final int MAX_FRAME = Directory.MAX_ENCODED_LENGTH;

    private final B3Digest root;
    private final InputStream in;
    private final String where;
    private final RootFirstVerifier verifier;
    private boolean finished;

    ClosureReader(B3Digest root, InputStream compressed, String where) throws IOException {
        this.root = root;
        this.where = where;
        this.verifier = new RootFirstVerifier(root);
        try {
            this.in = new ZstdInputStream(compressed);
        } catch (IOException e) {
            compressed.close();
            throw e;
        }
    }

    /** The next directory, verified; empty at the (verified) end. */
    @Override
    public Optional<Directory> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        try {
            byte[] header = in.readNBytes(4);
            if (header.length == 0) {
                finished = true;
                if (!verifier.receivedAny()) {
                    throw new CorruptDataException(where + ": the closure object is empty, expected root " + root.toHex());
                }
                verifier.finish();
                return Optional.empty();
            }
            if (header.length < 4) {
                throw new CorruptDataException(where + ": truncated frame header");
            }
            long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            if (length > MAX_FRAME) {
                throw new CorruptDataException(where + ": frame of " + length + " bytes exceeds the limit of " + MAX_FRAME);
            }
            byte[] frame = in.readNBytes((int) length);
            if (frame.length != length) {
                throw new CorruptDataException(where + ": truncated frame, " + frame.length + " of " + length + " bytes");
            }
            return Optional.of(verified(frame));
        } catch (ZstdIOException e) {
            throw new CorruptDataException(where + ": not a valid zstd stream: " + e.getMessage(), e);
        } catch (CorruptDataException e) {
            throw e.getMessage().startsWith(where) ? e : new CorruptDataException(where + ": " + e.getMessage(), e);
        }
    }

    private Directory verified(byte[] frame) throws CorruptDataException {
        B3Digest raw = Blake3.hash(frame);
        Directory d;
        try {
            d = Directory.decode(frame);
        } catch (InvalidDirectoryException e) {
            throw new CorruptDataException(where + ": invalid directory " + raw.toHex() + ": " + e.getMessage(), e);
        }
        if (!d.digest().equals(raw)) {
            throw new CorruptDataException(where + ": directory " + raw.toHex() + " is not in canonical encoding");
        }
        verifier.accept(d);
        return d;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was promised about the rest of the stream; the connection is released either way.
        }
    }
}
