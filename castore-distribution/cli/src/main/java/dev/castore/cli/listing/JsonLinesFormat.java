package dev.castore.cli.listing;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.castore.api.model.Node;
import dev.castore.cli.json.JsonOutput;
import java.io.IOException;

/** One JSON object per line and entry: {@code path} and the node's fields ({@link JsonOutput#nodeFields}). */
record JsonLinesFormat(JsonGenerator json) implements ListingFormat {

    @Override
    public void entry(PathText path, Node node) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", path.toString().replace("-\\x3e", "->"));
        JsonOutput.nodeFields(json, node);
        json.writeEndObject();
    }

    @Override
    public void flush() throws IOException {
        JsonOutput.end(json);
    }
}
