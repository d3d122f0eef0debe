package dev.castore.observability;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.blob.ForwardingBlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import java.io.IOException;

/**
 * A memory store whose commits take at least {@code commitNanos} (spinning, so that no timer's
 * granularity rounds them) and whose every {@code failEvery}-th writer fails at its commit with
 * "disk full".
 */
final class PacedBlobService extends ForwardingBlobService {

    private final long commitNanos;
    private final int failEvery;
    private int writers;

    PacedBlobService(long commitNanos, int failEvery) {
        super(new MemoryBlobService());
        this.commitNanos = commitNanos;
        this.failEvery = failEvery;
    }

    /** Whether the {@code n}-th put (from 1) fails. */
    boolean fails(int n) {
        return n % failEvery == 0;
    }

    @Override
    public BlobWriter openWriter() throws IOException {
        boolean fails = fails(++writers);
        return new ForwardingBlobWriter(delegate().openWriter()) {
            @Override
            public B3Digest commit() throws IOException {
                long until = System.nanoTime() + commitNanos;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                if (fails) {
                    throw new IOException("disk full");
                }
                return super.commit();
            }
        };
    }
}
