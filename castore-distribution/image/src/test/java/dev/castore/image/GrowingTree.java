package dev.castore.image;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A source tree that grows by a batch of new, random files per round (small files, a few of
 * several chunks), and the digests castore must give it, computed with the api.
 */
final class GrowingTree {

    private final Path root;
    private final Random random;
    private final List<Path> largeFiles = new ArrayList<>();
    private int rounds;

    GrowingTree(Path root, Random random) throws IOException {
        this.root = Files.createDirectories(root);
        this.random = random;
    }

    Path root() {
        return root;
    }

    /** Adds a directory of about 8 MB of new files: 120 small, 3 of a few chunks, one of 3 to 6 MiB. */
    Path grow() throws IOException {
        Path batch = Files.createDirectories(root.resolve("round-" + rounds++).resolve("nested"));
        for (int i = 0; i < 120; i++) {
            Files.write(batch.resolve("small-" + i), bytes(random.nextInt(100, 8192)));
        }
        for (int i = 0; i < 3; i++) {
            Files.write(batch.getParent().resolve("medium-" + i), bytes(random.nextInt(300_000, 1_000_000)));
        }
        Path large = batch.getParent().resolve("large");
        Files.write(large, bytes(random.nextInt(3 << 20, 6 << 20)));
        largeFiles.add(large);
        Files.createSymbolicLink(batch.resolve("link"), Path.of("../large"));
        return batch.getParent();
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** The largest file of the last round. */
    Path lastLargeFile() {
        return largeFiles.getLast();
    }

    static String blobDigest(Path file) throws IOException {
        return Blake3.hash(Files.readAllBytes(file)).toHex();
    }

    /** The root digest of {@code dir} as castore imports it (no executable files here). */
    static String digest(Path dir) throws IOException {
        return directory(dir).digest().toHex();
    }

    // The tree is this test's own, three levels deep: recursion is bounded.
    private static Directory directory(Path dir) throws IOException {
        Directory.Builder b = Directory.builder();
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (Files.isSymbolicLink(child)) {
                b.symlink(name, Files.readSymbolicLink(child).toString());
            } else if (Files.isDirectory(child)) {
                b.directory(name, directory(child));
            } else {
                B3Digest d = Blake3.hash(Files.readAllBytes(child));
                b.file(name, d, Files.size(child), false);
            }
        }
        return b.build();
    }
}
