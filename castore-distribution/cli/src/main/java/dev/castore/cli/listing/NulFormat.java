package dev.castore.cli.listing;

import dev.castore.api.model.Node;
import java.io.IOException;
import java.io.OutputStream;

/** Each entry's path as the raw bytes of its names, ended by a NUL byte, as {@code find -print0} writes them. */
record NulFormat(OutputStream out) implements ListingFormat {

    @Override
    public void entry(PathText path, Node node) throws IOException {
        path.writeRawTo(out);
        out.write(0);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
