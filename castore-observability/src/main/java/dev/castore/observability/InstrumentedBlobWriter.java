package dev.castore.observability;

import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.LongConsumer;

/**
 * The writer of an instrumented put, and that put operation: counts the bytes written and ends the
 * operation at the commit (a success, or a failure with its error); closed without a commit, the
 * operation is not counted. Each call runs inside the put's span.
 */
final class InstrumentedBlobWriter extends Operation implements BlobWriter {

    private final BlobWriter inner;
    private final Counter bytesWritten;
    private long written;

    InstrumentedBlobWriter(BlobWriter inner, OperationMeters put, Span span, long start, Counter bytesWritten) {
        super(put, span, start);
        this.inner = inner;
        this.bytesWritten = bytesWritten;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try (Operation.Scope ignored = enter()) {
            int n = inner.write(src);
            written += n;
            return n;
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /** The inner writer's reads (the memory store reads into its own segments), counted. */
    @Override
    public long writeFrom(ReadableByteChannel in, ByteBuffer buffer, LongConsumer progress) throws IOException {
        try (Operation.Scope ignored = enter()) {
            long n = inner.writeFrom(in, buffer, progress);
            written += n;
            return n;
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void expect(long bytes) {
        inner.expect(bytes);
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        try (Operation.Scope ignored = enter()) {
            inner.write(b, offset, length);
            written += length;
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public B3Digest commit() throws IOException {
        try (Operation.Scope ignored = enter()) {
            B3Digest digest = inner.commit();
            bytesWritten.increment(written);
            written = 0;
            succeed();
            return digest;
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        try (Operation.Scope ignored = enter()) {
            inner.close();
        } finally {
            abandon();
        }
    }
}
