package dev.castore.blake3.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.testkit.Blake3Reference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lanes against the native b3sum, on random inputs of random lengths and random update splits. */
class VectorB3sumTest {

    @TempDir
    Path dir;

    @Test
    void agreesWithB3sumOnRandomInputsAndSplits() throws Exception {
        VectorBlake3Provider vector = new VectorBlake3Provider();
        Random random = new Random(0xB3_5EC);
        for (int round = 0; round < 40; round++) {
            byte[] input = new byte[VectorBlake3Test.randomLength(random)];
            random.nextBytes(input);
            String expected = Blake3Reference.b3sum(input, dir);
            String context = "length " + input.length;
            assertEquals(expected, vector.newHasher().update(input).digest().toHex(), context);
            assertEquals(expected, VectorBlake3Test.updateInRandomSplits(vector.newHasher(), input, random).toHex(), context);
            assertEquals(expected, vector.hash(ByteBuffer.wrap(input)).toHex(), context);
        }
    }
}
