package dev.castore.observability;

import dev.castore.api.blob.BlobDeletion;
import dev.castore.api.blob.BlobListing;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.blob.Durability;
import dev.castore.api.digest.B3Digest;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A blob service whose every operation is counted, timed (see {@link LatencySampler}) and traced
 * under its instance: {@code has}, {@code open} (and the bytes its reader returns), {@code put}
 * (from {@code openWriter} to the commit, and the bytes written), {@code chunks}, {@code sync},
 * and {@code delete} and {@code list} where the inner store can. Behaviour is the inner store's,
 * unchanged.
 */
final class InstrumentedBlobService implements BlobService {

    private final BlobService inner;
    private final InstanceRecorder recorder;
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final OperationMeters has;
    private final OperationMeters open;
    private final OperationMeters put;
    private final OperationMeters chunks;

    InstrumentedBlobService(BlobService inner, InstanceRecorder recorder) {
        this.inner = inner;
        this.recorder = recorder;
        this.bytesRead = recorder.bytes("read");
        this.bytesWritten = recorder.bytes("written");
        this.has = recorder.operation("has");
        this.open = recorder.operation("open");
        this.put = recorder.operation("put");
        this.chunks = recorder.operation("chunks");
    }

    @Override
    public boolean has(B3Digest digest) throws IOException {
        return has.run(() -> inner.has(digest));
    }

    @Override
    public Optional<BlobReader> open(B3Digest digest) throws IOException {
        return open.run(() -> inner.open(digest).map(r -> new CountingBlobReader(r, bytesRead)));
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        return writer(Optional.empty());
    }

    @Override
    public BlobWriter openWriter(Durability durability) throws IOException {
        return writer(Optional.of(durability));
    }

    private BlobWriter writer(Optional<Durability> durability) throws IOException {
        // The writer is the put operation, which saves an object per put; a failure to open makes one.
        Span span = put.startSpan();
        long start = put.startClock();
        try (Operation.Scope ignored = Operation.enter(span)) {
            BlobWriter w = durability.isPresent() ? inner.openWriter(durability.get()) : inner.openWriter();
            return new InstrumentedBlobWriter(w, put, span, start, bytesWritten);
        } catch (IOException | RuntimeException e) {
            new Operation(put, span, start).fail(e);
            throw e;
        }
    }

    @Override
    public void sync() throws IOException {
        recorder.run("sync", inner::sync);
    }

    @Override
    public int callsInFlight() {
        return inner.callsInFlight();
    }

    @Override
    public void checkWritable() throws IOException {
        inner.checkWritable();
    }

    /**
     * The inner store's deletion, timed and counted as {@code delete}: a byte-bounded cache
     * ({@code lru}) needs its near store's, and that store reaches it through this wrapper.
     */
    @Override
    public Optional<BlobDeletion> deletion() {
        return inner.deletion().map(d -> digest -> recorder.run("delete", () -> d.delete(digest)));
    }

    /** The inner store's listing, its start timed and counted as {@code list}: {@code lru} counts its near store by it. */
    @Override
    public Optional<BlobListing> listing() {
        return inner.listing().map(l -> () -> recorder.run("list", l::list));
    }

    @Override
    public Optional<List<ChunkMeta>> chunks(B3Digest digest) throws IOException {
        return chunks.run(() -> inner.chunks(digest));
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
