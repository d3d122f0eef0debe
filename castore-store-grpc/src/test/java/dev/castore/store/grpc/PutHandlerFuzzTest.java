package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castore.api.digest.B3Digest;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The blob and directory Put handlers of a real server on loopback, fed arbitrary message bytes:
 * each call ends with OK and what it reports stored is stored, or with INVALID_ARGUMENT, INTERNAL
 * or RESOURCE_EXHAUSTED (bad input, a limit); never UNKNOWN or a stuck call, and the server
 * serves the next call.
 */
class PutHandlerFuzzTest {

    private static final Set<Status.Code> REJECTIONS = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.INTERNAL,
            Status.Code.RESOURCE_EXHAUSTED);
    private static final MemoryBlobService BLOBS = new MemoryBlobService();
    private static final MemoryDirectoryService DIRECTORIES = new MemoryDirectoryService();
    private static final LoopbackServer SERVER = serve();
    private static final RawWire WIRE = new RawWire(SERVER.server.port());

    private static LoopbackServer serve() {
        try {
            return LoopbackServer.serve(BLOBS, DIRECTORIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void putsStoreWhatTheyReportOrAreRejected(FuzzedDataProvider data) throws Exception {
        boolean blob = data.consumeBoolean();
        String pkg = data.consumeBoolean() ? "snix" : "tvix";
        int count = data.consumeInt(1, 6);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            messages.add(data.consumeBytes(data.consumeInt(0, 512)));
        }
        messages.add(data.consumeRemainingAsBytes());
        String method = pkg + ".castore.v1." + (blob ? "BlobService/Put" : "DirectoryService/Put");
        byte[] answer;
        try {
            answer = WIRE.clientStreaming(method, messages);
        } catch (StatusRuntimeException e) {
            assertTrue(REJECTIONS.contains(e.getStatus().getCode()), () -> method + " answered " + e.getStatus());
            return;
        }
        byte[] digest = RawWire.field1(answer);
        assertEquals(B3Digest.LENGTH, digest.length);
        if (blob) {
            assertTrue(BLOBS.has(B3Digest.of(digest)), "a blob reported stored is stored");
        } else {
            assertTrue(DIRECTORIES.get(B3Digest.of(digest)).isPresent(), "a root reported stored is stored");
        }
    }
}
