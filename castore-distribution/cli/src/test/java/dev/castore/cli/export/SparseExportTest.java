package dev.castore.cli.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.cli.StoredTrees;
import dev.castore.api.blob.BlobWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --sparse}: a file with long runs of zeros comes out with the same bytes and holes
 * where the zeros were; without it, every byte takes room.
 */
class SparseExportTest {

    private static final int MIB = 1 << 20;

    private final StoredTrees trees = new StoredTrees();

    private B3Digest store(byte[] bytes) throws IOException {
        try (BlobWriter w = trees.blobs.openWriter()) {
            w.write(ByteBuffer.wrap(bytes));
            return w.commit();
        }
    }

    /** The bytes the file system allocated to {@code file} ({@code stat}'s blocks of 512 bytes). */
    private static long allocated(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return Long.parseLong(out) * 512;
    }

    /**
     * 8 MiB of zeros, 5000 random bytes (so the data's end falls inside a block), 16 MiB of zeros,
     * one byte, 3 MiB of zeros at the end (the file ends in a hole).
     */
    private static byte[] mostlyZeros() {
        byte[] bytes = new byte[8 * MIB + 5000 + 16 * MIB + 1 + 3 * MIB];
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, 8 * MIB, noise.length);
        bytes[8 * MIB + 5000 + 16 * MIB] = 7;
        return bytes;
    }

    @Test
    void zeroBlocksBecomeHolesAndTheFileReadsTheSame(@TempDir Path tmp) throws Exception {
        byte[] bytes = mostlyZeros();
        B3Digest digest = store(bytes);

        Path sparse = tmp.resolve("sparse.img");
        new TreeExporter(trees.blobs, trees.directories, false).sparse(true).exportFile(digest, sparse, false);
        Path dense = tmp.resolve("dense.img");
        new TreeExporter(trees.blobs, trees.directories, false).exportFile(digest, dense, false);

        assertArrayEquals(bytes, Files.readAllBytes(sparse));
        assertArrayEquals(bytes, Files.readAllBytes(dense));
        assertEquals(bytes.length, Files.size(sparse), "the hole at the end is part of the file's length");
        // The data: two blocks of 4 KiB around the 5000 bytes, one around the single byte.
        assertTrue(allocated(sparse) <= 64 * 1024, "sparse: " + allocated(sparse) + " bytes allocated");
        assertTrue(allocated(dense) >= bytes.length, "dense: " + allocated(dense) + " bytes allocated");
    }

    @Test
    void aBlobWithoutZeroBlocksIsWrittenWhole(@TempDir Path tmp) throws Exception {
        byte[] bytes = new byte[3 * MIB + 123];
        new Random(4).nextBytes(bytes);
        B3Digest digest = store(bytes);
        Path file = tmp.resolve("random");
        new TreeExporter(trees.blobs, trees.directories, false).sparse(true).exportFile(digest, file, true);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertTrue(allocated(file) >= bytes.length);
        assertTrue(Files.isExecutable(file));
    }
}
