package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.Blake3;
import dev.castore.store.grpc.wire.MessageSize;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message larger than {@link MessageSize#MAX}, as sent or once inflated, is refused; the server goes on. */
class MessageLimitTest {

    private static final String PUT = "snix.castore.v1.BlobService/Put";

    @Test
    void aMessageOverTheLimitIsResourceExhaustedAndStoresNothing() throws Exception {
        MemoryBlobService blobs = new MemoryBlobService();
        try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                RawWire wire = new RawWire(server.server.port())) {
            byte[] tooLarge = RawWire.bytesField(1, new byte[MessageSize.MAX]);

            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> wire.clientStreaming(PUT, List.of(tooLarge)));

            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("exceeds maximum size " + MessageSize.MAX), e.getStatus().getDescription());
            assertEquals(0, blobs.size());
            byte[] fine = RawWire.bytesField(1, new byte[MessageSize.MAX - 16]);
            assertEquals(Blake3.hash(new byte[MessageSize.MAX - 16]).toHex(),
                    java.util.HexFormat.of().formatHex(RawWire.field1(wire.clientStreaming(PUT, List.of(fine)))));
        }
    }

    @Test
    void aCompressedMessageThatInflatesOverTheLimitIsResourceExhausted() throws Exception {
        MemoryBlobService blobs = new MemoryBlobService();
        try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                RawWire wire = new RawWire(server.server.port())) {
            // 64 MiB of zeros gzip to about 64 KiB on the wire.
            byte[] bomb = RawWire.bytesField(1, new byte[64 << 20]);

            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> wire.clientStreaming(PUT, List.of(bomb), CallOptions.DEFAULT.withCompression("gzip")));

            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().startsWith("request message for " + PUT + " too large: "),
                    e.getStatus().getDescription());
            assertEquals(0, blobs.size());
        }
    }
}
