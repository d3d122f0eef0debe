package dev.castore.cli.roots;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named roots of one store: a file of JSON lines, one per record, appended under a lock and
 * never rewritten, so a crash loses at most the line being written (a torn last line is skipped
 * when read). The newest record of a name is what the name stands for; older ones are its history.
 */
public final class RootsFile {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    public RootsFile(Path file) {
        this.file = file;
    }

    /** The roots file in {@code directory} for the store identified by {@code storeId}. */
    public static RootsFile keyed(Path directory, String storeId) {
        try {
            byte[] id = MessageDigest.getInstance("SHA-256").digest(storeId.getBytes(StandardCharsets.UTF_8));
            return new RootsFile(directory.resolve(HexFormat.of().formatHex(id, 0, 16) + ".jsonl"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Where the records live. */
    public Path file() {
        return file;
    }

    /** Appends a record; it is durable when this returns. */
    public void record(NamedRoot root) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringWriter line = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("name", root.name());
            g.writeStringField("digest", root.digest().toHex());
            g.writeStringField("time", root.time().toString());
            g.writeStringField("source", root.source());
            g.writeStringField("host", root.host());
            g.writeEndObject();
        }
        line.append('\n');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); var lock = ch.lock()) {
            ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        }
    }

    /** Every record, oldest first; none when the file does not exist. */
    public List<NamedRoot> history() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<NamedRoot> roots = new ArrayList<>();
        for (String line : lines) {
            parse(line).ifPresent(roots::add);
        }
        return roots;
    }

    /** What each name stands for now: its newest record, newest first. */
    public List<NamedRoot> current() throws IOException {
        Map<String, NamedRoot> byName = new LinkedHashMap<>();
        for (NamedRoot r : history()) {
            byName.put(r.name(), r);
        }
        List<NamedRoot> list = new ArrayList<>(byName.values());
        list.sort(Comparator.comparing(NamedRoot::time).reversed());
        return list;
    }

    private static Optional<NamedRoot> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                fields.put(key, p.getValueAsString());
            }
            return Optional.of(new NamedRoot(fields.get("name"), B3Digest.parse(fields.get("digest")),
                    Instant.parse(fields.get("time")), fields.getOrDefault("source", ""), fields.getOrDefault("host", "")));
        } catch (IOException | RuntimeException e) {
            // A line torn by a crash while it was appended: it never counted.
            return Optional.empty();
        }
    }
}
