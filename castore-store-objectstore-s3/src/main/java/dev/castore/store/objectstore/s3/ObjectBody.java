package dev.castore.store.objectstore.s3;

import dev.castore.api.FileErrors;
import dev.castore.api.StorageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an object being downloaded, whose read errors say which object they hit: a
 * connection reset or a read timeout in the middle of a body surfaces as a
 * {@link StorageException} naming the operation, the store and the key, instead of a bare
 * "Connection reset".
 */
final class ObjectBody extends FilterInputStream {

    private final String where;

    /** {@code where}: e.g. "GET s3://bucket/prefix key chunks/b3/...". */
    ObjectBody(InputStream body, String where) {
        super(body);
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw named(e);
        }
    }

    private IOException named(IOException e) {
        return e instanceof StorageException ? e : new StorageException(where + " failed while reading the body: " + FileErrors.inWords(e), e);
    }
}
