package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.SymlinkNode;
import java.io.PrintWriter;

/** How nodes and digests are shown: hex, then the tvix ({@code b3:}) and snix ({@code blake3-}) forms. */
final class NodeText {

    private NodeText() {}

    static void print(PrintWriter out, String label, Node node) {
        out.println(label);
        switch (node) {
            case DirectoryNode d -> {
                out.println("  kind:   directory");
                digest(out, d.digest());
                out.println("  size:   " + Long.toUnsignedString(d.size()) + " entries (in the whole tree below it)");
            }
            case FileNode f -> {
                out.println("  kind:   file" + (f.executable() ? " (executable)" : ""));
                digest(out, f.digest());
                out.println("  size:   " + Long.toUnsignedString(f.size()) + " bytes");
            }
            case SymlinkNode s -> {
                out.println("  kind:   symlink");
                out.println("  target: " + s.target());
            }
        }
    }

    static void digest(PrintWriter out, B3Digest d) {
        out.println("  digest: " + d.toHex());
        out.println("  tvix:   " + d.toTvixString());
        out.println("  snix:   " + d.toSnixString());
    }
}
