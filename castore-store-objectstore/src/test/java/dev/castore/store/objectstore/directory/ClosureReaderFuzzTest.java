package dev.castore.store.objectstore.directory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.CorruptDataException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.store.objectstore.layout.ZstdCodec;
import dev.castore.store.objectstore.layout.ZstdFrames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The closure reader on arbitrary objects: every frame is verified or the read fails with a
 * {@link CorruptDataException}; nothing else escapes. The first byte chooses whether the rest is
 * the stored object itself (exercising the zstd decoder) or the frames it decompresses to; the
 * root asked for is the digest of the first frame, so the verifier's later checks are reached.
 */
class ClosureReaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void closuresReadVerifiedOrFailAsCorrupt(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        boolean framesGiven = (input[0] & 1) == 0;
        byte[] stored = framesGiven ? ZstdFrames.compress(body) : body;
        B3Digest root = framesGiven ? firstFrameDigest(body) : Blake3.hash(body);
        try (ClosureReader reader = new ClosureReader(root, new ByteArrayInputStream(stored), "fuzz")) {
            int frames = 0;
            while (reader.next().isPresent()) {
                frames++;
            }
            if (frames == 0) {
                throw new AssertionError("a closure read to its end has its root");
            }
        } catch (CorruptDataException e) {
            if (!e.getMessage().startsWith("fuzz: ")) {
                throw new AssertionError("the error names the object: " + e.getMessage());
            }
        }
    }

    private static B3Digest firstFrameDigest(byte[] frames) {
        if (frames.length < 4) {
            return Blake3.hash(frames);
        }
        long length = ((frames[0] & 0xffL) << 24) | ((frames[1] & 0xff) << 16) | ((frames[2] & 0xff) << 8) | (frames[3] & 0xff);
        int end = (int) Math.min(frames.length, 4 + length);
        return Blake3.hash(Arrays.copyOfRange(frames, 4, end));
    }
}
