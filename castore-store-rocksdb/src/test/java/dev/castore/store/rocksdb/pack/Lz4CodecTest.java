package dev.castore.store.rocksdb.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.CorruptDataException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class Lz4CodecTest {

    /** The block decodes to the input; returns the block. */
    private static byte[] roundTrip(byte[] data) throws Exception {
        byte[] out = new byte[Lz4Codec.maxCompressedLength(data.length)];
        int n = Lz4Codec.compress(data, 0, data.length, out);
        assertArrayEquals(data, Lz4Codec.decompress(out, 0, n, data.length));
        return Arrays.copyOf(out, n);
    }

    @Test
    void theReferenceCodeIsUsed() {
        assertTrue(Lz4Codec.nativeCode(), "lz4-java's JNI build of the reference C code");
    }

    @Test
    void theReferenceCodeIsUsedWhenLz4JavaHasAClassLoaderOfItsOwnAsInThePluginsLayer() throws Exception {
        URL[] jars = {
            Lz4Codec.class.getProtectionDomain().getCodeSource().getLocation(),
            LZ4Factory.class.getProtectionDomain().getCodeSource().getLocation(),
            CorruptDataException.class.getProtectionDomain().getCodeSource().getLocation(),
        };
        try (URLClassLoader loader = new URLClassLoader(jars, null)) {
            Class<?> codec = loader.loadClass(Lz4Codec.class.getName());
            assertNotSame(Lz4Codec.class, codec);
            assertEquals(true, codec.getMethod("nativeCode").invoke(null));
        }
    }

    @Test
    void compressesTextAndRunsAndGivesBackEveryByte() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line ").append(i % 97).append(" of a text that repeats itself\n");
        }
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        assertTrue(roundTrip(data).length < data.length / 4, "repetitive text compresses");
        assertTrue(roundTrip(new byte[300_000]).length < 2000, "a run of zeros compresses to almost nothing");
        byte[] random = new byte[100_000];
        new SplittableRandom(1).nextBytes(random);
        assertTrue(roundTrip(random).length <= Lz4Codec.maxCompressedLength(random.length));
    }

    @Test
    void everyLengthUpToAFewHundredRoundTrips() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        for (int n = 0; n < 400; n++) {
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) r.nextInt(4); // few symbols: matches of every length and distance
            }
            roundTrip(data);
        }
    }

    @Test
    void aBlockOfTheFirstPackFormatDecodes() throws Exception {
        // Written by the store's earlier Java compressor (greedy, 4096-entry table): the packs it
        // wrote hold such blocks.
        byte[] data = ("castore packs chunks; ".repeat(40) + "0123456789".repeat(7) + " end")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] block = HexFormat.of().parseHex(
                "ff07636173746f7265207061636b73206368756e6b733b201600ffffff4aaf303132333435363738390a0028503920656e64");
        assertArrayEquals(data, Lz4Codec.decompress(block, 0, block.length, data.length));
    }

    @Test
    void aDamagedBlockIsRefusedOrDecodesToOtherBytes() throws Exception {
        byte[] data = ("abcdefgh".repeat(1000) + "tail").getBytes(StandardCharsets.US_ASCII);
        byte[] block = roundTrip(data);
        assertThrows(CorruptDataException.class, () -> Lz4Codec.decompress(block, 0, block.length - 1, data.length));
        assertThrows(CorruptDataException.class, () -> Lz4Codec.decompress(block, 0, block.length, data.length + 1));
        assertThrows(CorruptDataException.class, () -> Lz4Codec.decompress(block, 0, block.length, data.length - 1));
        assertThrows(CorruptDataException.class, () -> Lz4Codec.decompress(new byte[] {(byte) 0xf0}, 0, 1, 100));
        // A match reaching before the start of the output.
        byte[] farMatch = {0x10, 'a', (byte) 0xff, 0x00, 0x00};
        assertThrows(CorruptDataException.class, () -> Lz4Codec.decompress(farMatch, 0, 4, 10));
        for (int i = 0; i < block.length; i++) {
            byte[] damaged = block.clone();
            damaged[i] ^= 0x5a;
            try {
                Lz4Codec.decompress(damaged, 0, damaged.length, data.length);
            } catch (CorruptDataException e) {
                // refused: what the store reports; any other outcome is bytes whose digest fails
            }
        }
    }
}
