package dev.castore.cli.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.model.DirectoryNode;
import dev.castore.api.model.FileNode;
import dev.castore.api.model.Node;
import dev.castore.api.model.SymlinkNode;
import java.io.IOException;
import java.io.Writer;

/**
 * The {@code --json} output of the commands: one JSON document per command, or one per line
 * (JSON lines) for what streams. Names and symlink targets are strings under the same escaping as
 * the text output ({@link dev.castore.api.model.EscapedText}), so they are always valid JSON and
 * map back to their bytes.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonOutput() {}

    /** A generator onto {@code out} that writes each top-level value on a line of its own. */
    public static JsonGenerator lines(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        return g;
    }

    /** Ends the output of {@link #lines}: the last line's newline, and a flush. */
    public static void end(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        g.flush();
    }

    /**
     * The fields of a node: {@code type}, {@code digest} (hex), and for a file {@code size} (bytes)
     * and {@code executable}, for a directory {@code tree_entries} (the node's size: every entry in the
     * tree below it, as tvix counts), for a symlink {@code target}.
     */
    public static void nodeFields(JsonGenerator g, Node node) throws IOException {
        switch (node) {
            case DirectoryNode d -> {
                g.writeStringField("type", "directory");
                digest(g, d.digest());
                g.writeFieldName("tree_entries");
                g.writeNumber(Long.toUnsignedString(d.size()));
            }
            case FileNode f -> {
                g.writeStringField("type", "file");
                digest(g, f.digest());
                g.writeFieldName("size");
                g.writeNumber(Long.toUnsignedString(f.size()));
                g.writeBooleanField("executable", f.executable());
            }
            case SymlinkNode s -> {
                g.writeStringField("type", "symlink");
                g.writeStringField("target", s.target().toString());
            }
        }
    }

    /** The digest in hex, and its tvix and snix forms. */
    public static void digestForms(JsonGenerator g, B3Digest d) throws IOException {
        digest(g, d);
        g.writeStringField("tvix", d.toTvixString());
        g.writeStringField("snix", d.toSnixString());
    }

    private static void digest(JsonGenerator g, B3Digest d) throws IOException {
        g.writeStringField("digest", d.toHex());
    }
}
