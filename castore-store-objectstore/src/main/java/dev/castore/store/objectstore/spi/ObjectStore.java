package dev.castore.store.objectstore.spi;

import dev.castore.api.Cursor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A flat key-value store of immutable objects, the part of an object store (S3, a directory of
 * files, memory) that castore needs. Keys are relative to the store's base path, with {@code /}
 * separators. Implementations are thread-safe.
 *
 * <p>{@link #put} is atomic: a reader sees either no object or the whole new one, never a part,
 * also when the writer crashes half-way. An object put is visible through this store at once and
 * durable once a later {@link #sync()} has returned (on S3 at once). A missing object is an empty
 * {@link Optional}, any other failure an {@link IOException} (a
 * {@link dev.castore.api.StorageException}) that names the key.
 */
public interface ObjectStore extends AutoCloseable {

    /** The object's size, or empty when it does not exist. */
    Optional<Long> head(String key) throws IOException;

    /**
     * Whether a {@link #head} is a request to a server (S3), as costly as a small put, rather than
     * a lookup on this machine. Writers of new data then ask about few of their objects
     * ({@code ObjectHeads}). The default: a lookup.
     */
    default boolean headIsARequest() {
        return false;
    }

    /** A stream over the object's bytes, or empty when it does not exist. Close the stream. */
    Optional<InputStream> get(String key) throws IOException;

    /**
     * The object's bytes, at most {@code max} of them (the first {@code max} of a longer object,
     * for the caller to refuse), or empty when it does not exist. The default reads {@link #get};
     * a store that can size its read beforehand reads into one array, without copying it again.
     */
    default Optional<byte[]> getBytes(String key, int max) throws IOException {
        Optional<InputStream> in = get(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readNBytes(max));
        }
    }

    /**
     * {@link #getBytes(String, int)}, read into {@code scratch} when the bytes fit in it: then the
     * result is {@code scratch} itself, holding them from its start (position 0, limit their
     * length). More bytes than {@code scratch} holds come in a new buffer, and so do all of them
     * by default; a store that reads files overrides this, so a caller can read object after
     * object into the same memory, off the heap and without zeroing it each time.
     * {@code scratch} may be overwritten either way.
     */
    default Optional<ByteBuffer> getBytes(String key, int max, ByteBuffer scratch) throws IOException {
        return getBytes(key, max).map(ByteBuffer::wrap);
    }

    /**
     * Whether {@link #getBytes(String, int, ByteBuffer)} reads into the scratch buffer it is given;
     * readers keep buffers for that only when it does. False by default.
     */
    default boolean readsIntoScratch() {
        return false;
    }

    /**
     * Stores {@code data} under {@code key}, replacing any object there. The store may read
     * {@code data} until this returns, without copying it: callers do not change it meanwhile.
     */
    void put(String key, byte[] data) throws IOException;

    /**
     * Stores {@code length} bytes of {@code data} from {@code offset} under {@code key}, as
     * {@link #put(String, byte[])}: the store may read them until this returns, and the caller
     * may then use the array for something else. Writers that frame chunk after chunk in the same
     * arrays call this; the default copies the range into an array of its size, and a store that
     * can write a range as it lies overrides it.
     */
    default void put(String key, byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        put(key, offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * Makes every object put through this store before the call durable; concurrent calls may
     * share one sync. The default does nothing, for stores whose puts are durable.
     */
    default void sync() throws IOException {}

    /**
     * Fails, saying why, while the store refuses every put until it is opened again (after a
     * failed sync); see {@code BlobService.checkWritable}. The default does nothing.
     */
    default void checkWritable() throws IOException {}

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key) throws IOException;

    /**
     * Every key under {@code prefix} (relative keys, as passed to the other methods), read as the
     * cursor goes, in no particular order; keys put or deleted meanwhile may or may not appear.
     * Close the cursor.
     */
    Cursor<String> list(String prefix) throws IOException;

    /** Where the objects live, for messages: {@code s3://bucket/prefix}, {@code file:///path}, ... */
    String location();

    @Override
    default void close() throws IOException {}
}
