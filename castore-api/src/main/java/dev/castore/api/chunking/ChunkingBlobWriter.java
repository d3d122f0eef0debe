package dev.castore.api.chunking;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The {@link BlobWriter} rules, once, for stores that cut a blob into FastCDC chunks as it is
 * written: every byte is hashed and cut by a {@link ChunkingBuffer}, which lends each chunk to
 * {@link #chunk}; {@link #commit()} cuts the last chunks and hands the blob's digest to
 * {@link #publish}, which makes the blob visible. A blob of one chunk is hashed once: its chunk
 * comes with the blob's digest, which is the chunk's.
 *
 * <p>A writer is open, then committed (a commit again returns the same digest), failed (every
 * later call throws the first error, a {@link RuntimeException} wrapped in a
 * {@link StorageException} naming {@link #location()}; an {@link Error} is thrown as it is, and
 * later calls throw it wrapped), or closed without a commit. Writes after a commit are refused
 * with an {@link InvalidRequestException}. Calls are serialised on the writer, so the hooks run
 * one at a time.
 */
public abstract class ChunkingBlobWriter implements BlobWriter {

    private enum State { OPEN, COMMITTED, FAILED, CLOSED }

    /** Blobs announced at least this large are hashed on the cores by writers that choose by size. */
    protected static final long PARALLEL_HASHING = 4L << 20;

    private Blake3Hasher hasher;
    private final boolean hasherBySize;
    private boolean started; // bytes were written, or the hasher was chosen
    private final ChunkingBuffer chunker;
    private State state = State.OPEN;
    private B3Digest digest;
    private IOException failure;

    /**
     * A writer hashing the blob with {@code hasher} and cutting it with {@code cdc}.
     *
     * @param hasher a fresh hasher for the whole blob (a parallel one pays off for large blobs)
     */
    protected ChunkingBlobWriter(Blake3Hasher hasher, FastCdc cdc) {
        this(hasher, false, cdc);
    }

    /**
     * A writer cutting with {@code cdc} that hashes the blob on the caller's thread
     * ({@link Blake3#newHasher()}), unless {@link #expect} announces one that
     * {@link #hashesOnTheCores} says is worth it, which is then hashed on the cores while the
     * caller cuts and stores ({@link Blake3#newParallelHasher()}). For stores that do the rest of
     * a blob's work on the caller's thread: many small blobs written side by side cost no copy,
     * and one large blob does not hash on one core.
     */
    protected ChunkingBlobWriter(FastCdc cdc) {
        this(Blake3.newHasher(), true, cdc);
    }

    private ChunkingBlobWriter(Blake3Hasher hasher, boolean hasherBySize, FastCdc cdc) {
        this.hasher = hasher;
        this.hasherBySize = hasherBySize;
        this.chunker = new ChunkingBuffer(cdc, (buffer, offset, length, whole) ->
                chunk(buffer, offset, length, whole ? digest : null));
    }

    /**
     * Takes the next chunk of the blob, in order: {@code length} bytes of {@code buffer} from
     * {@code offset}, lent for this call only (a writer that keeps them copies them).
     * {@code whole} is the blob's digest when the chunk is the whole blob, so its digest too; null
     * for the chunks of a blob of several.
     */
    protected abstract void chunk(byte[] buffer, int offset, int length, B3Digest whole) throws IOException;

    /** Makes the blob {@code blob} visible, after its last chunk was taken; durable as the writer was asked. */
    protected abstract void publish(B3Digest blob) throws IOException;

    /** Where the blob goes, for error messages: "writing a blob to LOCATION failed". */
    protected abstract String location();

    /** Runs after each write has been cut; a store whose chunks are stored in the background reports their failure here. */
    protected void written() throws IOException {}

    /** Runs once when the writer fails: let go of what was held for the blob. */
    protected void failed() {}

    /** Runs on close: {@code discarded} when the blob was neither committed nor failed, which closing abandons. */
    protected void closed(boolean discarded) {}

    /**
     * For a writer that chooses its hasher by size: whether a blob announced {@code bytes} long is
     * hashed on the cores. By default, from {@link #PARALLEL_HASHING} bytes on. Called at most once,
     * before the first write.
     */
    protected boolean hashesOnTheCores(long bytes) {
        return bytes >= PARALLEL_HASHING;
    }

    /** Announces the blob's size to the hasher and to the chunker, which sizes its buffer by it. */
    @Override
    public synchronized void expect(long bytes) {
        BlobWriter.super.expect(bytes);
        if (state == State.OPEN) {
            chunker.expect(bytes);
            if (hasherBySize && !started) {
                started = true; // chosen once, at the first announcement
                if (hashesOnTheCores(bytes)) {
                    hasher = Blake3.newParallelHasher();
                }
            }
        }
    }

    @Override
    public final synchronized int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        started = true;
        try {
            hasher.update(src.duplicate());
            chunker.write(src);
            written();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } catch (Error e) {
            // Thrown as it is, but the blob is lost: a chunk may have been cut and not stored.
            fail(e);
            throw e;
        }
        return n;
    }

    @Override
    public final synchronized B3Digest commit() throws IOException {
        switch (state) {
            case COMMITTED -> { return digest; }
            case FAILED -> throw failure;
            case CLOSED -> throw new ClosedChannelException();
            case OPEN -> { }
        }
        try {
            // The digest first: the last chunk, when it is the whole blob, comes with it.
            digest = hasher.digest();
            chunker.finish();
            publish(digest);
            state = State.COMMITTED;
            return digest;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } catch (Error e) {
            fail(e);
            throw e;
        }
    }

    private IOException fail(Throwable e) {
        IOException io = e instanceof IOException ioe ? ioe
                : new StorageException("writing a blob to " + location() + " failed: " + e, e);
        failure = io;
        digest = null;
        state = State.FAILED;
        chunker.release();
        failed();
        return io;
    }

    private void ensureOpen() throws IOException {
        switch (state) {
            case OPEN -> { }
            case COMMITTED -> throw new InvalidRequestException("blob writer already committed");
            case FAILED -> throw failure;
            case CLOSED -> throw new ClosedChannelException();
        }
    }

    @Override
    public final synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public final synchronized void close() {
        boolean discarded = state == State.OPEN;
        if (discarded) {
            state = State.CLOSED;
            chunker.release();
        }
        closed(discarded);
    }
}
