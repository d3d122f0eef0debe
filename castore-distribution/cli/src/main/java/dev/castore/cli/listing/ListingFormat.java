package dev.castore.cli.listing;

import dev.castore.api.model.Node;
import java.io.IOException;

/** How {@link TreeListing} writes each entry: text lines, JSON lines, or NUL-terminated raw paths. */
interface ListingFormat {

    /** Writes one entry at {@code path} (a directory's path without its trailing slash). */
    void entry(PathText path, Node node) throws IOException;

    /** Writes out what is buffered. */
    void flush() throws IOException;
}
