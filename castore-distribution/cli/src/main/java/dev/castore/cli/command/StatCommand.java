package dev.castore.cli.command;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.StoreSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore stat DIGEST}. */
@Command(name = "stat", description = "Show a blob's size and chunks, or a directory's entries and size.")
public final class StatCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    StoreOptions stores;

    @Parameters(paramLabel = "DIGEST", description = "A blob or directory digest (hex, b3:..., blake3-...).")
    String digest;

    @Option(names = "--chunks", description = "List every chunk (digest and size).")
    boolean listChunks;

    public StatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        B3Digest d = NodeText.parse(digest);
        PrintWriter out = context.out();
        try (StoreSelection.OpenStores open = stores.selection().open(context)) {
            Optional<List<ChunkMeta>> chunks = open.blobs().chunks(d);
            if (chunks.isPresent()) {
                List<ChunkMeta> list = chunks.get();
                long size = list.isEmpty() ? countBytes(open, d) : list.stream().mapToLong(ChunkMeta::size).sum();
                out.println("blob " + d.toHex());
                out.println("  size:   " + size);
                out.println("  chunks: " + Math.max(1, list.size()));
                if (listChunks) {
                    for (ChunkMeta c : list) {
                        out.println("    " + c.digest().toHex() + " " + c.size());
                    }
                }
                return 0;
            }
            Optional<Directory> dir = open.directories().get(d);
            if (dir.isPresent()) {
                out.println("directory " + d.toHex());
                out.println("  entries: " + dir.get().entries().size() + " (" + dir.get().directories().size()
                        + " directories, " + dir.get().files().size() + " files, " + dir.get().symlinks().size() + " symlinks)");
                out.println("  size:    " + Long.toUnsignedString(dir.get().size()));
                return 0;
            }
        }
        throw new CliException(CliException.NOT_FOUND, d.toHex() + " is neither a blob nor a directory in the store");
    }

    private static long countBytes(StoreSelection.OpenStores open, B3Digest d) throws IOException {
        long n = 0;
        try (BlobReader r = open.blobs().open(d).orElseThrow()) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            int k;
            while ((k = r.read(b)) >= 0) {
                n += k;
                b.clear();
            }
        }
        return n;
    }
}
