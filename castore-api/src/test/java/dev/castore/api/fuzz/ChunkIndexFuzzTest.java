package dev.castore.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.CorruptDataException;
import dev.castore.api.blob.ChunkIndex;
import dev.castore.api.blob.ChunkMeta;
import java.util.List;

/** The chunk-list decoder on arbitrary bytes: a {@link CorruptDataException} or a list that re-encodes to itself. */
class ChunkIndexFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void chunkListsDecodeOrFailAsCorrupt(byte[] input) {
        List<ChunkMeta> chunks;
        try {
            chunks = ChunkIndex.decode(input);
        } catch (CorruptDataException e) {
            return;
        }
        byte[] canonical = ChunkIndex.encode(chunks);
        try {
            assertEquals(chunks, ChunkIndex.decode(canonical));
        } catch (CorruptDataException e) {
            throw new AssertionError("the canonical encoding of a decoded list does not decode", e);
        }
    }
}
