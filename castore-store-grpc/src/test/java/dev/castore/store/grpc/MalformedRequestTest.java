package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.Blake3;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Request bytes that do not parse, sent by a real grpc-java client over loopback to every method
 * under both package names: INVALID_ARGUMENT saying so, and no more than a line of log however
 * many arrive.
 */
class MalformedRequestTest {

    /** Field 1, length-delimited, announcing 127 bytes and carrying one: truncated in every message type. */
    private static final byte[] MALFORMED = {0x0a, 0x7f, 0x01};

    private static final List<String> METHODS = List.of("BlobService/Stat", "BlobService/Read", "BlobService/Put",
            "DirectoryService/Get", "DirectoryService/Put");

    /** Sends {@code request} to {@code method} the way its type demands; the status the call ended with. */
    private static Status send(RawWire wire, String method, byte[]... requests) {
        try {
            if (method.endsWith("/Stat")) {
                wire.unary(method, requests[0]);
            } else if (method.endsWith("/Put")) {
                wire.clientStreaming(method, List.of(requests));
            } else {
                wire.serverStreaming(method, requests[0]);
            }
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snix.castore.v1", "tvix.castore.v1"})
    void everyMethodAnswersInvalidArgumentNamingTheProblem(String protoPackage) throws Exception {
        try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
                RawWire wire = new RawWire(server.server.port())) {
            for (String m : METHODS) {
                String method = protoPackage + "." + m;
                Status status = send(wire, method, MALFORMED);
                assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), method + ": " + status);
                assertTrue(status.getDescription().startsWith("malformed request message for " + method
                        + ": While parsing a protocol message, the input ended unexpectedly"), status.getDescription());
            }
        }
    }

    @Test
    void aMalformedChunkInTheMiddleOfAPutStoresNothing() throws Exception {
        MemoryBlobService blobs = new MemoryBlobService();
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        try (LoopbackServer server = LoopbackServer.serve(blobs, new MemoryDirectoryService());
                RawWire wire = new RawWire(server.server.port())) {
            Status status = send(wire, "snix.castore.v1.BlobService/Put", RawWire.bytesField(1, hello), MALFORMED);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
        }
        assertEquals(false, blobs.has(Blake3.hash(hello)));
        assertEquals(0, blobs.size());
    }

    @Test
    void aHundredMalformedRequestsLogOneLine() throws Exception {
        List<LogRecord> grpcRecords = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    synchronized (grpcRecords) {
                        grpcRecords.add(record);
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
                RawWire wire = new RawWire(server.server.port())) {
            for (int i = 0; i < 100; i++) {
                String method = (i % 2 == 0 ? "snix" : "tvix") + ".castore.v1." + METHODS.get(i % METHODS.size());
                assertEquals(Status.Code.INVALID_ARGUMENT, send(wire, method, MALFORMED).getCode(), method);
            }
        } finally {
            System.setErr(stderr);
            root.removeHandler(handler);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> !l.contains("stopped serving") && !l.contains("serving castore")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.getFirst().contains("rejected a malformed request to snix.castore.v1.BlobService/Stat: While parsing"),
                lines.getFirst());
        assertEquals(List.of(), grpcRecords.stream().map(r -> r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage()).toList());
    }
}
