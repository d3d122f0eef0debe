package dev.castore.composition.combinator;

import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code lru} blob service keeps in its near store, in the order of last use, and how many
 * bytes that is. A blob is counted by its pieces: the blob itself and, when the near store keeps it
 * in chunks, each chunk; a piece shared by several blobs counts once, and is given up only with
 * the last blob that uses it. Blobs being read are pinned and never chosen for eviction, so the
 * bytes may exceed the bound while readers hold them. Thread-safe.
 */
final class LruIndex {

    private record Piece(long size, int users) {}

    private final long maxBytes;
    /** Blob digest to its pieces, least recently used first. */
    private final LinkedHashMap<B3Digest, List<ChunkMeta>> blobs = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<B3Digest, Piece> pieces = new HashMap<>();
    private final Map<B3Digest, Integer> pins = new HashMap<>();
    private long bytes;

    LruIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Pins a kept blob (making it the most recently used) and returns true; false when it is not kept. */
    synchronized boolean pin(B3Digest digest) {
        if (blobs.get(digest) == null) {
            return false;
        }
        pins.merge(digest, 1, Integer::sum);
        return true;
    }

    synchronized void unpin(B3Digest digest) {
        pins.computeIfPresent(digest, (d, n) -> n == 1 ? null : n - 1);
    }

    /** Whether the blob is kept, without counting it as a use. */
    synchronized boolean contains(B3Digest digest) {
        return blobs.containsKey(digest);
    }

    /** Whether some kept blob uses a piece with this digest. */
    synchronized boolean holdsPiece(B3Digest digest) {
        return pieces.containsKey(digest);
    }

    /**
     * Counts a blob of {@code size} bytes that the near store now keeps, in {@code chunks} when
     * it lists two or more, as the most recently used, and pins it for the caller (who reads it
     * next), so that it cannot be evicted before it is read. Adding a kept blob only uses it.
     */
    synchronized void addPinned(B3Digest digest, long size, List<ChunkMeta> chunks) {
        pins.merge(digest, 1, Integer::sum);
        if (blobs.get(digest) == null) {
            blobs.put(digest, count(digest, size, chunks));
        }
    }

    /**
     * Counts a blob that the near store held before this index existed, as used before every blob
     * counted so far (its last use is unknown), unless it is counted already; returns whether it
     * was new.
     */
    synchronized boolean addHeld(B3Digest digest, long size, List<ChunkMeta> chunks) {
        if (blobs.containsKey(digest)) {
            return false;
        }
        blobs.putFirst(digest, count(digest, size, chunks));
        return true;
    }

    /** Counts the pieces of a blob new to the index: each piece's bytes once, however many blobs use it. */
    private List<ChunkMeta> count(B3Digest digest, long size, List<ChunkMeta> chunks) {
        List<ChunkMeta> parts = new ArrayList<>();
        parts.add(new ChunkMeta(digest, chunks.size() >= 2 ? 0 : size));
        if (chunks.size() >= 2) {
            parts.addAll(chunks);
        }
        for (ChunkMeta p : parts) {
            Piece old = pieces.get(p.digest());
            if (old == null) {
                bytes += p.size();
                pieces.put(p.digest(), new Piece(p.size(), 1));
            } else {
                long grown = Math.max(old.size(), p.size());
                bytes += grown - old.size();
                pieces.put(p.digest(), new Piece(grown, old.users() + 1));
            }
        }
        return List.copyOf(parts);
    }

    /** Whether the kept bytes exceed the bound. */
    synchronized boolean over() {
        return bytes > maxBytes;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return blobs.size();
    }

    /**
     * Forgets least recently used blobs that no reader pins until the bytes are within the bound
     * (or only pinned blobs are left); returns the digests no kept blob uses any more, each blob's
     * own digest before its chunks, for the caller to delete from the near store.
     */
    synchronized List<B3Digest> evict() {
        List<B3Digest> released = new ArrayList<>();
        Iterator<Map.Entry<B3Digest, List<ChunkMeta>>> it = blobs.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<B3Digest, List<ChunkMeta>> e = it.next();
            if (pins.containsKey(e.getKey())) {
                continue;
            }
            it.remove();
            release(e.getValue(), released);
        }
        return released;
    }

    /** Forgets a blob the near store no longer has; returns the digests no kept blob uses any more. */
    synchronized List<B3Digest> forget(B3Digest digest) {
        List<B3Digest> released = new ArrayList<>();
        List<ChunkMeta> parts = blobs.remove(digest);
        if (parts != null) {
            release(parts, released);
        }
        return released;
    }

    private void release(List<ChunkMeta> parts, List<B3Digest> released) {
        for (ChunkMeta p : parts) {
            Piece piece = pieces.get(p.digest());
            if (piece.users() == 1) {
                pieces.remove(p.digest());
                bytes -= piece.size();
                released.add(p.digest());
            } else {
                pieces.put(p.digest(), new Piece(piece.size(), piece.users() - 1));
            }
        }
    }
}
