package dev.castore.api.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path memoryDirectory;

    @TempDir
    Path diskDirectory;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Appends {@code bytes} in pieces of {@code piece}, some of them direct buffers. */
    private static void append(Spool spool, byte[] bytes, int piece) throws IOException {
        for (int at = 0; at < bytes.length; at += piece) {
            int n = Math.min(piece, bytes.length - at);
            ByteBuffer src = (at / piece) % 2 == 0 ? ByteBuffer.wrap(bytes, at, n) : ByteBuffer.allocateDirect(n).put(bytes, at, n).flip();
            spool.append(src);
            assertFalse(src.hasRemaining(), "every byte appended");
        }
    }

    @Test
    void bytesBeyondTheMemoryBudgetGoToDiskAndReadBackFromAnyPosition() throws IOException {
        Spool.MemoryBudget budget = new Spool.MemoryBudget(100_000);
        byte[] bytes = random(300_001);
        try (Spool spool = new Spool(memoryDirectory, diskDirectory, budget, 0)) {
            append(spool, bytes, 7_777);
            assertEquals(bytes.length, spool.size());
            assertEquals(100_000, spool.inMemory(), "memory takes what the budget allows, then disk the rest");
            assertEquals(100_000, budget.used());
            // Reads that start in memory stop where memory ends; the next read goes on from disk.
            for (long position : new long[] {0, 99_999, 100_000, 100_001, 250_000, 300_000}) {
                ByteBuffer dst = ByteBuffer.allocate(bytes.length);
                long at = position;
                for (int n = spool.read(dst, at); n > 0; n = spool.read(dst, at)) {
                    at += n;
                }
                assertArrayEquals(Arrays.copyOfRange(bytes, (int) position, bytes.length),
                        Arrays.copyOf(dst.array(), dst.position()), "from " + position);
            }
            assertEquals(-1, spool.read(ByteBuffer.allocate(10), bytes.length));
        }
        assertEquals(0, budget.used(), "closing gives the memory back to the budget");
    }

    @Test
    void twoSpoolsShareTheBudget() throws IOException {
        Spool.MemoryBudget budget = new Spool.MemoryBudget(50_000);
        try (Spool first = new Spool(memoryDirectory, diskDirectory, budget, 0);
                Spool second = new Spool(memoryDirectory, diskDirectory, budget, 0)) {
            append(first, random(30_000), 4096);
            append(second, random(30_000), 4096);
            assertEquals(30_000, first.inMemory());
            assertEquals(20_000, second.inMemory(), "what the first left");
            append(first, random(10), 10);
            assertEquals(30_000, first.inMemory(), "the budget is used up: on disk");
        }
        assertEquals(0, budget.used());
    }

    @Test
    void withoutMemoryEverythingGoesToDisk() throws IOException {
        Spool.MemoryBudget budget = new Spool.MemoryBudget(1 << 20);
        byte[] bytes = random(70_000);
        try (Spool spool = new Spool(memoryDirectory.resolve("missing"), diskDirectory, budget, 0)) {
            append(spool, bytes, 65_536);
            assertEquals(0, spool.inMemory(), "a memory directory that cannot take a file leaves it all to disk");
            assertEquals(0, budget.used());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BlobReader reader = spool.reader()) {
                assertEquals(bytes.length, reader.transferTo(Channels.newChannel(out)));
            }
            assertArrayEquals(bytes, out.toByteArray());
        }
    }

    @Test
    void theFilesAreGoneFromTheirDirectoriesOnceOpen() throws IOException {
        try (Spool spool = new Spool(memoryDirectory, diskDirectory, new Spool.MemoryBudget(1000), 0)) {
            append(spool, random(5000), 5000);
            assertEquals(1000, spool.inMemory());
            try (Stream<Path> m = Files.list(memoryDirectory); Stream<Path> d = Files.list(diskDirectory)) {
                assertEquals(0, m.count() + d.count(), "unlinked: a process that dies leaves nothing");
            }
        }
    }

    @Test
    void theReaderSeeksAndOwnsTheSpool() throws IOException {
        byte[] bytes = random(10_000);
        Spool spool = new Spool(memoryDirectory, diskDirectory, new Spool.MemoryBudget(4000), 0);
        append(spool, bytes, 3000);
        BlobReader reader = spool.reader();
        ByteBuffer dst = ByteBuffer.allocate(8000);
        reader.position(3990);
        while (dst.hasRemaining() && reader.read(dst) > 0) {
            // memory's last 10 bytes, then disk
        }
        assertEquals(6010, dst.position());
        assertArrayEquals(Arrays.copyOfRange(bytes, 3990, 10_000), Arrays.copyOf(dst.array(), 6010));
        assertEquals(10_000, reader.position());
        assertEquals(-1, reader.read(ByteBuffer.allocate(1)));
        reader.close();
        assertFalse(reader.isOpen());
        assertThrows(ClosedChannelException.class, () -> spool.read(ByteBuffer.allocate(1), 0));
        assertThrows(ClosedChannelException.class, () -> spool.append(ByteBuffer.allocate(1)));
    }

    @Test
    void aSmallSpoolStaysOnTheHeapAndMakesNoFile() throws IOException {
        Spool.MemoryBudget budget = new Spool.MemoryBudget(1 << 20);
        byte[] bytes = random(Spool.HEAP_BYTES);
        // A directory that cannot take a file: any attempt to make one would put the bytes on disk.
        try (Spool spool = new Spool(memoryDirectory.resolve("missing"), diskDirectory.resolve("missing"), budget,
                Spool.HEAP_BYTES)) {
            append(spool, bytes, 1000);
            assertEquals(bytes.length, spool.size());
            assertEquals(0, spool.inMemory());
            assertEquals(0, budget.used(), "the heap's bytes take nothing of the memory budget");
            ByteBuffer tail = ByteBuffer.allocate(100);
            assertEquals(100, spool.read(tail, bytes.length - 100));
            assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 100, bytes.length), tail.array());
            try (BlobReader reader = spool.reader()) {
                reader.position(10);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertEquals(bytes.length - 10, reader.transferTo(Channels.newChannel(out)));
                assertArrayEquals(Arrays.copyOfRange(bytes, 10, bytes.length), out.toByteArray());
                assertEquals(bytes.length, reader.position());
                assertEquals(0, reader.transferTo(Channels.newChannel(out)), "nothing left");
            }
        }
    }

    @Test
    void aSpoolThatOutgrowsTheHeapMovesItsBytesToTheFilesInOrder() throws IOException {
        Spool.MemoryBudget budget = new Spool.MemoryBudget(100_000);
        byte[] bytes = random(250_000);
        try (Spool spool = new Spool(memoryDirectory, diskDirectory, budget, Spool.HEAP_BYTES)) {
            append(spool, Arrays.copyOf(bytes, 60_000), 20_000);
            assertEquals(0, spool.inMemory(), "on the heap so far");
            append(spool, Arrays.copyOfRange(bytes, 60_000, bytes.length), 7_000);
            assertEquals(100_000, spool.inMemory(), "the heap's bytes first, then the budget's worth in memory");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BlobReader reader = spool.reader()) {
                assertEquals(bytes.length, reader.transferTo(Channels.newChannel(out)));
            }
            assertArrayEquals(bytes, out.toByteArray());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void theProcessBudgetIsAQuarterOfTheAvailableMemoryWhereThereIsSharedMemory() throws IOException {
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                available = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        byte[] bytes = random(1 << 20);
        try (Spool spool = new Spool(diskDirectory)) {
            append(spool, bytes, 1 << 16);
            long expected = Files.isDirectory(Path.of("/dev/shm")) && available > 16L << 20 ? bytes.length : 0;
            assertEquals(expected, spool.inMemory());
        }
    }
}
