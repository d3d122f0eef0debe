package dev.castore.api.blob;

import dev.castore.api.CorruptDataException;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.digest.Blake3Segments;
import dev.castore.api.digest.PiecewiseBlake3;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A {@link BlobReader} over a blob stored in pieces (the chunks of a chunk list, or the equal
 * segments of {@link Blake3Segments}) that never hands out a byte it has not verified.
 *
 * <p>What is verified, and when:
 * <ul>
 * <li>Every piece, before any of its bytes is served: its length, and its BLAKE3 digest (chunks)
 * or chaining value (segments).
 * <li>The whole blob. For segments, at construction: their verifiers must combine to the blob's
 * digest, so verified segments are the blob's bytes wherever a read starts. For chunks, the list
 * itself could have been tampered with (entries reordered, one dropped, every chunk still
 * valid), which no single chunk shows: a read that reaches the last chunk having consumed every
 * chunk before it in order (re-reading after a backward seek is fine) hashes the whole blob on
 * the way and fails with {@link CorruptDataException} before serving any byte of the last chunk
 * if the digest differs. A read that starts after a forward seek verifies each chunk it serves,
 * not the list: it cannot tell a reordered list from the real one.
 * </ul>
 *
 * <p>While the caller consumes one piece, the next {@code readAhead} are fetched and verified in
 * the background (virtual threads, so a slow network fetch holds no core), which keeps a
 * sequential read from waiting on each fetch and spreads the hashing over the cores. The
 * whole-blob hash of a chunk list is done there too, piece by piece ({@link PiecewiseBlake3}):
 * the caller's thread only combines each piece's values and hashes the few bytes it shares
 * with its neighbours. Memory:
 * the current piece plus those read ahead. A seek away from the pieces read ahead drops them and
 * fetches only the piece holding the new position. Not thread-safe, as readers are.
 */
public final class ChunkedBlobReader extends SegmentedBlobReader {

    /** Pieces fetched ahead of the current one by default. */
    public static final int DEFAULT_READ_AHEAD = 4;

    /** Fetches the bytes of one piece; the reader verifies them. Called on background threads, several at once. */
    @FunctionalInterface
    public interface ChunkFetcher {
        /** The bytes of piece {@code index}, listed as {@code chunk} (its remaining bytes are taken). */
        ByteBuffer fetch(int index, ChunkMeta chunk) throws IOException;

        /** Where piece {@code index} is stored, to prefix errors with (e.g. the store and the key); empty for none. */
        default String describe(int index, ChunkMeta chunk) {
            return "";
        }

        /**
         * The reader is done with {@code fetched}, a buffer {@link #fetch} returned (the same
         * object): the fetcher may fill it again for a later fetch. Called once for each buffer
         * the reader served from and then moved past, or held when it was closed; not for
         * fetches that failed or were dropped unread (their buffers are left to the collector).
         * The default does nothing.
         */
        default void release(ByteBuffer fetched) {}

        /**
         * Lets go of what the fetcher holds for the reader (a stream open on a server, say): called
         * once, when the reader is closed, after its fetches ahead were dropped.
         */
        default void close() {}
    }

    /** Verifies the bytes of one piece, or throws. */
    @FunctionalInterface
    private interface PieceCheck {
        void check(int index, ByteBuffer data) throws CorruptDataException;
    }

    private static final Thread.Builder BACKGROUND = Thread.ofVirtual().name("castore-read-ahead");

    private final B3Digest blob;
    private final List<ChunkMeta> chunks;
    private final ChunkFetcher fetcher;
    private final PieceCheck check;
    private final int readAhead;
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
    private int currentIndex = -1;
    private ByteBuffer current;
    private ByteBuffer currentFetched; // what the fetcher returned for current, to release
    // The whole-blob check of chunk lists: hashes pieces in order as they are first served,
    // piecewise (the background fetches hash each piece's share), or whole for small blobs.
    private volatile PiecewiseBlake3 piecewise;
    private Blake3Hasher whole;
    private int wholeNext;
    private CorruptDataException failed;

    private record Ahead(int index, Future<Piece> data) {}

    /**
     * A verified piece: {@code data}, a view of {@code fetched}, the buffer the fetcher returned;
     * its share of the whole-blob hash, or null when that hash was dropped before the fetch.
     */
    private record Piece(ByteBuffer fetched, ByteBuffer data, PiecewiseBlake3.Part share) {}

    private ChunkedBlobReader(B3Digest blob, List<ChunkMeta> chunks, ChunkFetcher fetcher, PieceCheck check,
            boolean checkWhole, int readAhead) {
        super(chunks.stream().mapToLong(ChunkMeta::size).toArray());
        if (readAhead < 0) {
            throw new IllegalArgumentException("negative read-ahead " + readAhead);
        }
        this.blob = blob;
        this.chunks = chunks;
        this.fetcher = fetcher;
        this.check = check;
        this.readAhead = readAhead;
        boolean wholeChecked = checkWhole && chunks.size() > 1;
        this.piecewise = wholeChecked && PiecewiseBlake3.suits(size()) ? new PiecewiseBlake3(size()) : null;
        this.whole = wholeChecked && piecewise == null ? Blake3.newHasher() : null;
    }

    /** A reader of {@code blob} from its chunk list, with {@link #DEFAULT_READ_AHEAD}. */
    public ChunkedBlobReader(B3Digest blob, List<ChunkMeta> chunks, ChunkFetcher fetcher) {
        this(blob, chunks, fetcher, DEFAULT_READ_AHEAD);
    }

    /** A reader of {@code blob} from its chunk list, fetching {@code readAhead} chunks ahead. */
    public ChunkedBlobReader(B3Digest blob, List<ChunkMeta> chunks, ChunkFetcher fetcher, int readAhead) {
        this(blob, List.copyOf(chunks), fetcher, (i, data) -> verifyPiece(blob, chunks, i, data), true, readAhead);
    }

    /** As {@link #verify}, the error naming the blob and which of its chunks failed. */
    private static void verifyPiece(B3Digest blob, List<ChunkMeta> chunks, int index, ByteBuffer data)
            throws CorruptDataException {
        try {
            verify(chunks.get(index), data);
        } catch (CorruptDataException e) {
            throw new CorruptDataException("blob " + blob.toHex() + ", chunk " + (index + 1) + " of " + chunks.size()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reader of the blob {@code blob} of {@code size} bytes kept as the segments of
     * {@code layout}, each checked against its verifier.
     *
     * @throws CorruptDataException if the verifiers are not those of {@code blob}
     */
    public static ChunkedBlobReader ofSegments(B3Digest blob, long size, Blake3Segments layout, List<byte[]> verifiers,
            ChunkFetcher fetcher, int readAhead) throws CorruptDataException {
        long count = layout.count(size);
        if (verifiers.size() != count) {
            throw new CorruptDataException("blob " + blob.toHex() + " of " + size + " bytes has " + count
                    + " segments, but " + verifiers.size() + " verifiers");
        }
        B3Digest combined = layout.digest(verifiers);
        if (!combined.equals(blob)) {
            throw new CorruptDataException("the segment verifiers of blob " + blob.toHex() + " combine to "
                    + combined.toHex());
        }
        List<byte[]> expected = List.copyOf(verifiers);
        List<ChunkMeta> pieces = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            pieces.add(new ChunkMeta(blob, layout.length(i, size)));
        }
        PieceCheck check = (i, data) -> {
            if (!Arrays.equals(layout.verifier(data.duplicate(), i, size), expected.get(i))) {
                throw new CorruptDataException("segment " + i + " of blob " + blob.toHex() + " does not match its verifier");
            }
        };
        return new ChunkedBlobReader(blob, List.copyOf(pieces), fetcher, check, false, readAhead);
    }

    @Override
    ByteBuffer segment(int index) throws IOException {
        if (failed != null) {
            throw failed;
        }
        if (index != currentIndex) {
            releaseCurrent();
            currentIndex = -1;
            Piece piece = take(index);
            currentFetched = piece.fetched();
            hashWhole(index, piece);
            current = piece.data();
            currentIndex = index;
        }
        return current;
    }

    /** Piece {@code index}, verified: from the read-ahead, or fetched now; then reads ahead of it. */
    private Piece take(int index) throws IOException {
        Future<Piece> pending = null;
        while (!ahead.isEmpty() && pending == null) {
            Ahead a = ahead.poll();
            if (a.index() == index) {
                pending = a.data();
            } else {
                a.data().cancel(true);
            }
        }
        if (pending == null) {
            dropReadAhead();
            pending = start(index);
        }
        int next = ahead.isEmpty() ? index + 1 : ahead.peekLast().index() + 1;
        for (; next <= index + readAhead && next < chunks.size(); next++) {
            ahead.add(new Ahead(next, start(next)));
        }
        return await(pending);
    }

    private Future<Piece> start(int index) {
        FutureTask<Piece> task = new FutureTask<>(() -> {
            ByteBuffer fetched = fetcher.fetch(index, chunks.get(index));
            ByteBuffer data = fetched.slice();
            try {
                check.check(index, data);
            } catch (CorruptDataException e) {
                String where = fetcher.describe(index, chunks.get(index));
                throw where.isEmpty() ? e : new CorruptDataException(where + ": " + e.getMessage(), e);
            }
            PiecewiseBlake3 p = piecewise;
            return new Piece(fetched, data, p == null ? null : p.part(offsetOf(index), data));
        });
        BACKGROUND.start(task);
        return task;
    }

    private static Piece await(Future<Piece> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching a piece of a blob");
        } catch (CancellationException e) {
            throw new InterruptedIOException("fetching a piece of a blob was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new StorageException("fetching a piece of a blob failed: " + cause, cause);
        }
    }

    /** Feeds the whole-blob hash, and at the last chunk compares it before the chunk is served. */
    private void hashWhole(int index, Piece piece) throws CorruptDataException {
        PiecewiseBlake3 p = piecewise;
        if ((whole == null && p == null) || index < wholeNext) {
            return;
        }
        if (index > wholeNext) {
            // A forward seek skipped chunks: the list can no longer be checked as a whole.
            dropWhole();
            return;
        }
        if (p != null) {
            p.add(piece.share()); // computed at the fetch: the piecewise hash, once dropped, stays dropped
        } else {
            whole.update(piece.data().duplicate());
        }
        wholeNext++;
        if (wholeNext == chunks.size()) {
            B3Digest actual = p != null ? p.digest() : whole.digest();
            dropWhole();
            if (!actual.equals(blob)) {
                failed = new CorruptDataException("the chunks listed for blob " + blob.toHex() + " make a blob whose"
                        + " digest is " + actual.toHex() + ": the chunk list is damaged");
                releaseCurrent();
                throw failed;
            }
        }
    }

    /** Fails with {@link CorruptDataException} unless {@code data} has the chunk's length and digest. */
    public static void verify(ChunkMeta meta, ByteBuffer data) throws CorruptDataException {
        if (data.remaining() != meta.size()) {
            throw new CorruptDataException("chunk " + meta.digest().toHex() + " has " + data.remaining()
                    + " bytes, the chunk list says " + Long.toUnsignedString(meta.size()));
        }
        B3Digest actual = Blake3.hash(data.duplicate());
        if (!actual.equals(meta.digest())) {
            throw new CorruptDataException("chunk contents invalid: expected " + meta.digest().toHex()
                    + ", got " + actual.toHex());
        }
    }

    private void dropWhole() {
        piecewise = null;
        whole = null;
    }

    private void dropReadAhead() {
        for (Iterator<Ahead> it = ahead.iterator(); it.hasNext(); ) {
            it.next().data().cancel(true);
            it.remove();
        }
    }

    /** Hands the buffer of the current piece back to the fetcher: no view of it is served any more. */
    private void releaseCurrent() {
        ByteBuffer fetched = currentFetched;
        current = null;
        currentFetched = null;
        if (fetched != null) {
            fetcher.release(fetched);
        }
    }

    @Override
    void released() {
        dropReadAhead();
        releaseCurrent();
        dropWhole();
        fetcher.close();
    }
}
