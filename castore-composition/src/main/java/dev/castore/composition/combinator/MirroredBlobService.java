package dev.castore.composition.combinator;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two blob services holding the same blobs, as bb-storage's mirrored replication: a write goes to
 * both, and its commit succeeds only when both commits have. A read asks one of them first (chosen
 * by the digest, which spreads reads over both) and the other when the first misses the blob; when
 * one has a blob the other misses, {@code has} and {@code open} copy it over (through the missing
 * side's writer, whose commit must give the digest) before answering. A failed repair is logged
 * and the blob is served from the side that has it. A side that fails (down, or serving damaged
 * data) is logged and read around; a read fails only when both sides do.
 */
public final class MirroredBlobService implements BlobService {

    private static final Logger LOG = LoggerFactory.getLogger(MirroredBlobService.class);

    private final String name;
    private final BlobService a;
    private final BlobService b;

    public MirroredBlobService(String name, BlobService a, BlobService b) {
        this.name = name;
        this.a = a;
        this.b = b;
    }

    /** The side asked first for {@code digest}: half of the digests each. */
    private BlobService first(B3Digest digest) {
        return (digest.toBytes()[0] & 1) == 0 ? a : b;
    }

    private BlobService other(BlobService side) {
        return side == a ? b : a;
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        boolean inA;
        try {
            inA = a.has(digest);
        } catch (IOException e) {
            readAround(digest, e);
            return b.has(digest);
        }
        boolean inB;
        try {
            inB = b.has(digest);
        } catch (IOException e) {
            readAround(digest, e);
            return inA;
        }
        if (inA != inB) {
            repair(digest, inA ? a : b, inA ? b : a);
        }
        return inA || inB;
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        BlobService first = first(digest);
        BlobService second = other(first);
        Optional<BlobReader> r;
        try {
            r = first.open(digest);
        } catch (IOException e) {
            readAround(digest, e);
            return second.open(digest);
        }
        if (r.isPresent()) {
            return r;
        }
        if (!second.has(digest)) {
            return Optional.empty();
        }
        if (repair(digest, second, first)) {
            Optional<BlobReader> repaired = first.open(digest);
            if (repaired.isPresent()) {
                return repaired;
            }
        }
        return second.open(digest);
    }

    private void readAround(B3Digest digest, IOException e) {
        LOG.warn("mirrored blob service '{}': one side failed on blob {}, asking the other: {}", name, digest.toHex(),
                e.getMessage());
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        BlobService first = first(digest);
        Optional<List<ChunkMeta>> c = first.chunks(digest);
        return c.isPresent() ? c : other(first).chunks(digest);
    }

    /** Copies the blob from {@code from} to {@code to}; whether it is there now. */
    private boolean repair(B3Digest digest, BlobService from, BlobService to) {
        try {
            boolean copied = BlobCopy.copy(digest, from, to, Durability.ON_COMMIT);
            if (copied) {
                LOG.info("mirrored blob service '{}': copied blob {} to the side that missed it", name, digest.toHex());
            }
            return copied;
        } catch (IOException e) {
            LOG.warn("mirrored blob service '{}': could not copy blob {} to the side that misses it: {}", name,
                    digest.toHex(), e.getMessage());
            return false;
        }
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return openWriter(Durability.ON_COMMIT);
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        BlobWriter wa = a.openWriter(durability);
        try {
            return new MirroredBlobWriter(name, wa, b.openWriter(durability));
        } catch (IOException | RuntimeException e) {
            wa.close();
            throw e;
        }
    }

    @Override
    public void sync() throws IOException {
        a.sync();
        b.sync();
    }

    /** A write waits for both: as many calls as the one that wants more. */
    @Override
    public int callsInFlight() {
        return Math.max(a.callsInFlight(), b.callsInFlight());
    }
}
