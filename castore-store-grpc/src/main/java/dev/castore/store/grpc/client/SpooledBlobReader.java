package dev.castore.store.grpc.client;

import dev.castore.api.blob.BlobReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/** A verified blob in a temporary file: seeking is free; closing deletes the file. */
final class SpooledBlobReader implements BlobReader {

    private final FileChannel file;
    private final long size;
    private long position;

    SpooledBlobReader(FileChannel file, long size) {
        this.file = file;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int limit = dst.limit();
        if (size - position < dst.remaining()) {
            dst.limit(dst.position() + (int) (size - position));
        }
        try {
            int n = file.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public BlobReader position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!file.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
