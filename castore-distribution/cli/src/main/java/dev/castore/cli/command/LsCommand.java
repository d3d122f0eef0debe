package dev.castore.cli.command;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.PathComponent;
import dev.castore.api.model.SymlinkNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore ls [-r] DIGEST}. */
@Command(name = "ls", description = {"List a directory: one line per entry with its kind, size, digest and name"
        + " (symlinks with their target)."})
public final class LsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(paramLabel = "DIGEST", description = "The directory digest (hex, b3:..., blake3-...).")
    String digest;

    @Option(names = {"-r", "--recursive"}, description = "List the whole tree, with paths.")
    boolean recursive;

    public LsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        B3Digest d = NodeText.parse(digest);
        Map<B3Digest, Directory> closure = new HashMap<>();
        try (StoreSelection.OpenStores open = stores.selection().open(context)) {
            if (recursive) {
                try (Stream<Directory> all = open.directories().getRecursive(d)) {
                    all.forEach(x -> closure.put(x.digest(), x));
                }
            } else {
                open.directories().get(d).ifPresent(x -> closure.put(d, x));
            }
        }
        Directory root = closure.get(d);
        if (root == null) {
            throw new CliException(CliException.NOT_FOUND, "directory " + d.toHex() + " is not in the directory service");
        }
        list(context.out(), "", root, closure);
        return 0;
    }

    private void list(PrintWriter out, String prefix, Directory dir, Map<B3Digest, Directory> closure) {
        for (Map.Entry<PathComponent, Node> e : dir.entries().entrySet()) {
            String path = prefix + e.getKey();
            switch (e.getValue()) {
                case DirectoryNode n -> {
                    out.println(String.format("d %12s %s %s/", Long.toUnsignedString(n.size()), n.digest().toHex(), path));
                    if (recursive) {
                        list(out, path + "/", closure.get(n.digest()), closure);
                    }
                }
                case FileNode f -> out.println(String.format("%s %12s %s %s", f.executable() ? "x" : "-",
                        Long.toUnsignedString(f.size()), f.digest().toHex(), path));
                case SymlinkNode s -> out.println(String.format("l %12s %64s %s -> %s", "", "", path, s.target()));
            }
        }
    }
}
