package dev.castore.api.blob;

import dev.castore.api.Cursor;
import java.io.IOException;

/**
 * The optional capability of a blob store to say which blobs it holds, which a cache bounded in
 * bytes needs to count what a persistent store kept from an earlier run. A store offers it through
 * {@link BlobService#listing()}; a decorator forwards it when the blobs its inner store lists are
 * the blobs it serves.
 *
 * <p>{@link #list()} gives every blob stored when it starts, each once, with the size a reader of
 * it returns, in no particular order. A chunking store lists the blobs that were written, not the
 * chunks it cut them into, although {@code has} and {@code open} answer for those too. Blobs
 * written or deleted while a listing runs may or may not appear in it. The listing reads the store
 * as it goes: a store of many blobs is not held in memory, and a listing stopped early by closing
 * it costs only what was read.
 */
public interface BlobListing {

    /** The stored blobs, one at a time; close the cursor. */
    Cursor<ListedBlob> list() throws IOException;
}
