package dev.castore.cli.command;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.Directory;
import dev.castore.api.model.DirectoryNode;
import dev.castore.cli.CliContext;
import dev.castore.cli.CliException;
import dev.castore.cli.Quantity;
import dev.castore.cli.StoreSelection;
import dev.castore.cli.json.JsonOutput;
import dev.castore.cli.roots.TreeResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code castore stat DIGEST}. */
@Command(name = "stat", description = {"Show a blob's size (bytes) and chunks, or a directory's entries and size (the"
        + " entries in the whole tree below it, as tvix counts).",
        "With --json, one JSON document: type blob, digest, tvix, snix, size, chunks (a count) and with --chunks"
        + " chunk_list (digest, size); or type directory, digest, tvix, snix, entries, directories, files, symlinks,"
        + " tree_entries."})
public final class StatCommand extends StoreCommand {

    @Parameters(paramLabel = "DIGEST", description = "A blob or directory. " + TreeResolver.ADDRESS_HELP)
    String digest;

    @Option(names = "--chunks", description = "List every chunk (digest and size).")
    boolean listChunks;

    @Option(names = "--json", description = "Print one JSON document (fields above).")
    boolean json;

    public StatCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        try (StoreSelection.OpenStores open = openStoresForReading()) {
            TreeResolver resolver = open.resolver();
            TreeResolver.Target target = resolver.resolve(digest);
            B3Digest d = target.digest();
            Optional<List<ChunkMeta>> chunks = target.node().orElse(null) instanceof DirectoryNode ? Optional.empty()
                    : open.blobs().chunks(d);
            if (chunks.isPresent()) {
                List<ChunkMeta> list = chunks.get();
                long size = list.isEmpty() ? countBytes(open, d) : list.stream().mapToLong(ChunkMeta::size).sum();
                if (json) {
                    blobJson(d, size, list);
                } else {
                    blobText(d, size, list);
                }
                return 0;
            }
            Optional<Directory> dir = resolver.directory(target);
            if (dir.isPresent()) {
                if (json) {
                    directoryJson(d, dir.get());
                } else {
                    PrintWriter out = context.out();
                    out.println("directory " + d.toHex());
                    out.println("  entries: " + dir.get().entries().size() + " (" + Quantity.of(dir.get().directories().size(),
                            "directory") + ", " + Quantity.of(dir.get().files().size(), "file") + ", "
                            + Quantity.of(dir.get().symlinks().size(), "symlink") + ")");
                    out.println("  size:    " + Long.toUnsignedString(dir.get().size()) + " entries (in the whole tree below it)");
                    out.flush();
                }
                return 0;
            }
            throw new CliException(CliException.NOT_FOUND, d.toHex() + " is neither a blob nor a directory in the store"
                    + (target.node().isPresent() ? "" : TreeResolver.SUBDIRECTORY_HINT));
        }
    }

    private void blobText(B3Digest d, long size, List<ChunkMeta> list) {
        PrintWriter out = context.out();
        out.println("blob " + d.toHex());
        out.println("  size:   " + size + " bytes");
        out.println("  chunks: " + Math.max(1, list.size()));
        if (listChunks) {
            for (ChunkMeta c : list) {
                out.println("    " + c.digest().toHex() + " " + c.size());
            }
        }
        out.flush();
    }

    private void blobJson(B3Digest d, long size, List<ChunkMeta> list) throws IOException {
        JsonGenerator g = JsonOutput.lines(context.out());
        g.writeStartObject();
        g.writeStringField("type", "blob");
        JsonOutput.digestForms(g, d);
        g.writeNumberField("size", size);
        g.writeNumberField("chunks", Math.max(1, list.size()));
        if (listChunks) {
            g.writeArrayFieldStart("chunk_list");
            for (ChunkMeta c : list) {
                g.writeStartObject();
                g.writeStringField("digest", c.digest().toHex());
                g.writeNumberField("size", c.size());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        JsonOutput.end(g);
    }

    private void directoryJson(B3Digest d, Directory dir) throws IOException {
        JsonGenerator g = JsonOutput.lines(context.out());
        g.writeStartObject();
        g.writeStringField("type", "directory");
        JsonOutput.digestForms(g, d);
        g.writeNumberField("entries", dir.entries().size());
        g.writeNumberField("directories", dir.directories().size());
        g.writeNumberField("files", dir.files().size());
        g.writeNumberField("symlinks", dir.symlinks().size());
        g.writeFieldName("tree_entries");
        g.writeNumber(Long.toUnsignedString(dir.size()));
        g.writeEndObject();
        JsonOutput.end(g);
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
