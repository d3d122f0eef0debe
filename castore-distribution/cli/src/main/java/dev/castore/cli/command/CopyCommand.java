package dev.castore.cli.command;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore copy --from SPEC --to SPEC DIGEST}. */
@Command(name = "copy", description = {"Copy a blob, or a directory with its whole closure and blobs, from one store"
        + " to another, skipping what the target already has. SPEC is a URL used for both blobs and directories"
        + " (e.g. grpc+http://host:8000, objectstore+file:///srv/castore) or a config file (its 'root' entrypoints);"
        + " the embedded default when omitted."})
public final class CopyCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--from", paramLabel = "SPEC", description = "Source store (default: the embedded default).")
    String from;

    @Option(names = "--to", paramLabel = "SPEC", description = "Target store (default: the embedded default).")
    String to;

    @Parameters(paramLabel = "DIGEST", description = "A directory or blob digest (hex, b3:..., blake3-...).")
    String digest;

    public CopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        B3Digest d = NodeText.parse(digest);
        if (from == null && to == null) {
            throw new CliException(CliException.USAGE, "give --from or --to (or both): copying the default store onto itself does nothing");
        }
        StoreSelection source = from == null ? StoreSelection.embeddedDefault() : StoreSelection.of(from);
        StoreSelection target = to == null ? StoreSelection.embeddedDefault() : StoreSelection.of(to);
        try (StoreSelection.OpenStores src = source.open(context); StoreSelection.OpenStores dst = target.open(context)) {
            int[] counts = new int[2];
            if (dst.directories().get(d).isPresent()) {
                context.err().println("the target already has directory " + d.toHex());
            } else if (src.directories().get(d).isPresent()) {
                copyDirectory(src, dst, d, counts);
            } else if (src.blobs().has(d)) {
                counts[0] += copyBlob(src.blobs(), dst.blobs(), d) ? 1 : 0;
            } else {
                throw new CliException(CliException.NOT_FOUND, d.toHex() + " is neither a directory nor a blob in the source store");
            }
            context.err().println("copied " + counts[0] + " blobs and " + counts[1] + " directories");
        }
        return 0;
    }

    private static void copyDirectory(StoreSelection.OpenStores src, StoreSelection.OpenStores dst, B3Digest root, int[] counts)
            throws IOException {
        Map<B3Digest, Directory> closure = new LinkedHashMap<>();
        try (Stream<Directory> all = src.directories().getRecursive(root)) {
            all.forEach(x -> closure.put(x.digest(), x));
        }
        Set<B3Digest> blobs = new HashSet<>();
        for (Directory dir : closure.values()) {
            for (Directory.Entry<FileNode> f : dir.files()) {
                if (blobs.add(f.node().digest()) && copyBlob(src.blobs(), dst.blobs(), f.node().digest())) {
                    counts[0]++;
                }
            }
        }
        List<Directory> leavesFirst = new ArrayList<>();
        postOrder(root, closure, new HashSet<>(), leavesFirst);
        try (DirectoryPutter putter = dst.directories().putter()) {
            for (Directory dir : leavesFirst) {
                putter.put(dir);
            }
            putter.commit();
        }
        counts[1] += leavesFirst.size();
    }

    /** Children before parents, each directory once: the order a putter takes. */
    private static void postOrder(B3Digest d, Map<B3Digest, Directory> closure, Set<B3Digest> seen, List<Directory> out) {
        if (!seen.add(d)) {
            return;
        }
        Directory dir = closure.get(d);
        for (Directory.Entry<DirectoryNode> c : dir.directories()) {
            postOrder(c.node().digest(), closure, seen, out);
        }
        out.add(dir);
    }

    private static boolean copyBlob(BlobService from, BlobService to, B3Digest d) throws IOException {
        if (to.has(d)) {
            return false;
        }
        BlobReader reader = from.open(d).orElseThrow(() -> new CliException(CliException.NOT_FOUND,
                "blob " + d.toHex() + " is not in the source store"));
        try (reader; BlobWriter writer = to.openWriter()) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (reader.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    writer.write(buffer);
                }
                buffer.clear();
            }
            B3Digest written = writer.commit();
            if (!written.equals(d)) {
                throw new IOException("copying blob " + d.toHex() + " produced " + written.toHex());
            }
        }
        return true;
    }
}
