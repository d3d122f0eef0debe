package dev.castore.benchmarks.engines;

import dev.castore.api.chunking.ChunkingBuffer;
import dev.castore.api.chunking.FastCdc;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The regular files of a tree with their FastCDC chunks (avg 256 KiB) and BLAKE3 digests, computed
 * once and kept in a file, so that the engine runs measure storing and not hashing.
 */
record TreeManifest(List<FileEntry> files) {

    record Chunk(long offset, int length, byte[] digest) {}

    /** A file; {@code blob} is the whole file's digest when it has more than one chunk. */
    record FileEntry(Path path, long size, byte[] blob, List<Chunk> chunks) {}

    static TreeManifest scan(List<Path> roots) throws IOException {
        FastCdc cdc = FastCdc.forAverage(262_144);
        List<FileEntry> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        files.add(chunked(p, cdc));
                    }
                }
            }
        }
        return new TreeManifest(files);
    }

    private static FileEntry chunked(Path p, FastCdc cdc) throws IOException {
        byte[] data = Files.readAllBytes(p);
        List<Chunk> chunks = new ArrayList<>();
        long[] offset = {0};
        ChunkingBuffer buffer = new ChunkingBuffer(cdc, (b, off, length, whole) -> {
            chunks.add(new Chunk(offset[0], length, Blake3.hash(b, off, length).toBytes()));
            offset[0] += length;
        });
        buffer.write(ByteBuffer.wrap(data));
        buffer.finish();
        if (chunks.isEmpty()) {
            chunks.add(new Chunk(0, 0, Blake3.hash(data).toBytes()));
        }
        byte[] blob = chunks.size() > 1 ? Blake3.hash(data).toBytes() : chunks.getFirst().digest();
        return new FileEntry(p, data.length, blob, chunks);
    }

    long bytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(files.size());
            for (FileEntry f : files) {
                out.writeUTF(f.path().toString());
                out.writeLong(f.size());
                out.write(f.blob());
                out.writeInt(f.chunks().size());
                for (Chunk c : f.chunks()) {
                    out.writeLong(c.offset());
                    out.writeInt(c.length());
                    out.write(c.digest());
                }
            }
        }
    }

    static TreeManifest read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<FileEntry> files = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Path p = Path.of(in.readUTF());
                long size = in.readLong();
                byte[] blob = in.readNBytes(B3Digest.LENGTH);
                int m = in.readInt();
                List<Chunk> chunks = new ArrayList<>(m);
                for (int j = 0; j < m; j++) {
                    chunks.add(new Chunk(in.readLong(), in.readInt(), in.readNBytes(B3Digest.LENGTH)));
                }
                files.add(new FileEntry(p, size, blob, chunks));
            }
            return new TreeManifest(files);
        }
    }
}
