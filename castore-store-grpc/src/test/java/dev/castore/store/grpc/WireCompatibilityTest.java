package dev.castore.store.grpc;

import static dev.castore.store.grpc.RawWire.bytesField;
import static dev.castore.store.grpc.RawWire.concat;
import static dev.castore.store.grpc.RawWire.hex;
import static dev.castore.store.grpc.RawWire.varintField;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests encoded by hand from the spec's field numbers get the expected bytes back under both
 * package names, so tvix and snix peers, which share the message bytes, both work.
 */
class WireCompatibilityTest {

    private static final byte[] EMPTY = hex("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    private static final byte[] HELLO = "Hello World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO_DIGEST = hex("5ca7815adcb484e9a136c11efe69c1d530176d549b5d18d038eb5280b4b3470c");
    private static final byte[] B_DIGEST = hex("8701f4722d8dae7f2c40fa003331b8437a3825f9e1bfd3a77998c64cc226b9cc");
    private static final byte[] D_DIGEST = hex("76cd8b55b37333961c1778ba997e57df92e219926ae5a66c414b810331a77603");
    private static final byte[] KEEP_DIGEST = hex("8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e");

    /** Directory{files: [FileEntry{name ".keep", digest EMPTY}]}, size and executable omitted. */
    static final byte[] WITH_KEEP = bytesField(2, concat(bytesField(1, ".keep".getBytes()), bytesField(2, EMPTY)));
    static final byte[] DIR_A = new byte[0];
    /** Directory{directories: [{name "a", digest A}]}. */
    static final byte[] DIR_B = bytesField(1, concat(bytesField(1, "a".getBytes()), bytesField(2, EMPTY)));
    /** Directory{directories: [{"a", A}, {"b", B, size 2}]}. */
    static final byte[] DIR_D = concat(DIR_B,
            bytesField(1, concat(bytesField(1, "b".getBytes()), bytesField(2, B_DIGEST), varintField(3, 2))));

    private LoopbackServer server;
    private RawWire wire;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
        wire = new RawWire(server.server.port());
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
        server.close();
    }

    @Test
    void handEncodingMatchesTheSpecBytes() {
        assertArrayEquals(hex("12290a052e6b6565701220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"),
                WITH_KEEP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void blobPutStatAndRead(String pkg) throws Exception {
        // BlobChunk{data = 1}: the message boundaries carry no meaning.
        byte[] answer = wire.clientStreaming("%s.BlobService/Put".formatted(pkg),
                List.of(bytesField(1, "Hello ".getBytes()), bytesField(1, "World!".getBytes())));
        assertArrayEquals(bytesField(1, HELLO_DIGEST), answer, "PutBlobResponse{digest = 1}");

        // StatBlobRequest{digest = 1, send_chunks = 2}; a single-chunk blob lists no chunks.
        byte[] stat = wire.unary(pkg + ".BlobService/Stat", concat(bytesField(1, HELLO_DIGEST), varintField(2, 1)));
        assertArrayEquals(new byte[0], stat);

        List<byte[]> chunks = wire.serverStreaming(pkg + ".BlobService/Read", bytesField(1, HELLO_DIGEST));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        chunks.forEach(c -> data.writeBytes(RawWire.field1(c)));
        assertArrayEquals(HELLO, data.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void emptyBlobPutAnswersTheEmptyDigest(String pkg) throws Exception {
        assertArrayEquals(bytesField(1, EMPTY), wire.clientStreaming(pkg + ".BlobService/Put", List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void directoryClosurePutAndRecursiveGet(String pkg) throws Exception {
        byte[] answer = wire.clientStreaming(pkg + ".DirectoryService/Put", List.of(DIR_A, DIR_B, DIR_D));
        assertArrayEquals(bytesField(1, D_DIGEST), answer, "PutDirectoryResponse{root_digest = 1}");

        // GetDirectoryRequest{digest = 1 (oneof by_what), recursive = 2}: root first, breadth-first, each once.
        List<byte[]> closure = wire.serverStreaming(pkg + ".DirectoryService/Get",
                concat(bytesField(1, D_DIGEST), varintField(2, 1)));
        assertEquals(3, closure.size());
        assertArrayEquals(DIR_D, closure.get(0));
        assertArrayEquals(DIR_A, closure.get(1));
        assertArrayEquals(DIR_B, closure.get(2));

        List<byte[]> single = wire.serverStreaming(pkg + ".DirectoryService/Get", bytesField(1, B_DIGEST));
        assertEquals(1, single.size());
        assertArrayEquals(DIR_B, single.getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void singleDirectoryPut(String pkg) throws Exception {
        assertArrayEquals(bytesField(1, KEEP_DIGEST), wire.clientStreaming(pkg + ".DirectoryService/Put",
                List.of(WITH_KEEP)));
        assertArrayEquals(WITH_KEEP, wire.serverStreaming(pkg + ".DirectoryService/Get", bytesField(1, KEEP_DIGEST))
                .getFirst());
    }

    @Test
    void anUnknownPackageIsUnimplemented() {
        StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> wire.unary("nix.castore.v1.BlobService/Stat", bytesField(1, HELLO_DIGEST)));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
