package dev.castore.benchmarks.engines;

import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import dev.castore.api.digest.B3Digest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;

/**
 * Stores a real tree into one candidate engine as the embedded store would: every file's chunks
 * by digest (skipping chunks already there), a chunk list for multi-chunk files, from two threads,
 * then one sync. Digests come from a manifest computed beforehand, so the figures are the engine's
 * and the file reads', not BLAKE3's.
 *
 * <p>{@code EngineImport manifest MANIFEST ROOT...} computes the manifest;
 * {@code EngineImport ENGINE MANIFEST DIR} runs one engine (rocksdb, rocksdb-wal, rocksdb-lz4,
 * sqlite, mvstore) into the empty directory DIR and prints one line: wall and CPU seconds, bytes
 * and files on disk. benchmarks/engines.sh runs each in its own process under /usr/bin/time.
 */
public final class EngineImport {

    private EngineImport() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("manifest")) {
            List<Path> roots = Stream.of(args).skip(2).map(Path::of).toList();
            TreeManifest m = TreeManifest.scan(roots);
            m.write(Path.of(args[1]));
            System.out.printf(Locale.ROOT, "%d files, %d bytes%n", m.files().size(), m.bytes());
            return;
        }
        TreeManifest manifest = TreeManifest.read(Path.of(args[1]));
        Path dir = Path.of(args[2]);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        try (Engine engine = open(args[0], dir)) {
            store(manifest, engine);
            long t1 = System.nanoTime();
            engine.sync();
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%-12s store %6.2f s  sync %5.2f s  total %6.2f s  cpu %6.2f s",
                    args[0], (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, (cpuNanos() - cpu0) / 1e9);
        }
        long[] disk = disk(dir);
        System.out.printf(Locale.ROOT, "  on disk %5.0f MB in %d files%n", disk[0] / 1e6, disk[1]);
    }

    private static Engine open(String name, Path dir) throws IOException {
        return switch (name) {
            case "rocksdb" -> new RocksEngine(dir, false, CompressionType.NO_COMPRESSION);
            case "rocksdb-lz4" -> new RocksEngine(dir, false, CompressionType.LZ4_COMPRESSION);
            case "rocksdb-wal" -> new RocksEngine(dir, true, CompressionType.NO_COMPRESSION);
            case "sqlite" -> new SqliteEngine(dir);
            case "mvstore" -> new MvStoreEngine(dir);
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }

    private static void store(TreeManifest manifest, Engine engine) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < manifest.files().size(); i = next.getAndIncrement()) {
                    storeFile(manifest.files().get(i), engine);
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
    }

    private static void storeFile(TreeManifest.FileEntry f, Engine engine) throws IOException {
        try (FileChannel in = FileChannel.open(f.path())) {
            List<ChunkMeta> metas = new ArrayList<>();
            for (TreeManifest.Chunk c : f.chunks()) {
                byte[] data = new byte[c.length()];
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining() && in.read(buf, c.offset() + buf.position()) >= 0) {
                    // read the whole chunk
                }
                if (!engine.has(c.digest())) {
                    engine.putChunk(c.digest(), data);
                }
                metas.add(new ChunkMeta(B3Digest.of(c.digest()), c.length()));
            }
            if (metas.size() > 1) {
                engine.putIndex(f.blob(), ChunkIndex.encode(metas));
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long[] disk(Path dir) throws IOException {
        long[] out = new long[2];
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out[0] += Files.size(p);
                    out[1]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return out;
    }
}
