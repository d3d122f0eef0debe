package dev.castore.cli.listing;

import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.SymlinkNode;
import java.io.PrintWriter;

/**
 * One line per entry: kind, size (bytes for a file; for a directory its node's size, the entries
 * in the tree below it), digest, escaped path, and for a symlink {@code -> target}.
 */
record TextFormat(PrintWriter out) implements ListingFormat {

    @Override
    public void entry(PathText path, Node node) {
        switch (node) {
            case DirectoryNode d -> {
                out.print(String.format("d %12s %s ", Long.toUnsignedString(d.size()), d.digest().toHex()));
                path.printTo(out);
                out.println('/');
            }
            case FileNode f -> {
                out.print(String.format("%s %12s %s ", f.executable() ? "x" : "-", Long.toUnsignedString(f.size()),
                        f.digest().toHex()));
                path.printTo(out);
                out.println();
            }
            case SymlinkNode s -> {
                out.print(String.format("l %12s %64s ", "", ""));
                path.printTo(out);
                out.print(" -> ");
                out.println(s.target());
            }
        }
    }

    @Override
    public void flush() {
        out.flush();
    }
}
