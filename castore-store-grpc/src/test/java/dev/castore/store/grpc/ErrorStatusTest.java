package dev.castore.store.grpc;

import static dev.castore.store.grpc.RawWire.bytesField;
import static dev.castore.store.grpc.RawWire.concat;
import static dev.castore.store.grpc.RawWire.hex;
import static dev.castore.store.grpc.RawWire.varintField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.FailingBlobService;
import dev.castore.testkit.Fixtures;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every status the spec names, provoked with hand-encoded requests. */
class ErrorStatusTest {

    private static final byte[] DIGEST_31 = new byte[31];
    private static final byte[] MISSING = hex("1000000000000000000000000000000000000000000000000000000000000000");

    private LoopbackServer server;
    private RawWire wire;

    private void serve(BlobService blobs, DirectoryService directories) throws Exception {
        server = LoopbackServer.serve(blobs, directories);
        wire = new RawWire(server.server.port());
    }

    private void serveMemory() throws Exception {
        serve(new MemoryBlobService(), new MemoryDirectoryService());
    }

    @AfterEach
    void stop() throws Exception {
        if (wire != null) {
            wire.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void assertStatus(Status.Code code, String descriptionPart, Executable call) {
        io.grpc.StatusRuntimeException e = assertThrows(io.grpc.StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus()));
        String description = String.valueOf(e.getStatus().getDescription());
        assertTrue(description.contains(descriptionPart), description);
    }

    @Test
    void badDigestLengthsAreInvalidArgument() throws Exception {
        serveMemory();
        for (byte[] digest : List.of(DIGEST_31, new byte[0], new byte[33])) {
            assertStatus(Status.Code.INVALID_ARGUMENT, "invalid digest length",
                    () -> wire.unary("snix.castore.v1.BlobService/Stat", bytesField(1, digest)));
            assertStatus(Status.Code.INVALID_ARGUMENT, "invalid digest length",
                    () -> wire.serverStreaming("snix.castore.v1.BlobService/Read", bytesField(1, digest)));
            assertStatus(Status.Code.INVALID_ARGUMENT, "invalid digest length",
                    () -> wire.serverStreaming("tvix.castore.v1.DirectoryService/Get", bytesField(1, digest)));
        }
    }

    @Test
    void getWithoutByWhatIsInvalidArgument() throws Exception {
        serveMemory();
        assertStatus(Status.Code.INVALID_ARGUMENT, "invalid by_what",
                () -> wire.serverStreaming("snix.castore.v1.DirectoryService/Get", varintField(2, 1)));
    }

    @Test
    void missingBlobsAndDirectoriesAreNotFound() throws Exception {
        serveMemory();
        assertStatus(Status.Code.NOT_FOUND, "blob 1000",
                () -> wire.unary("snix.castore.v1.BlobService/Stat", bytesField(1, MISSING)));
        assertStatus(Status.Code.NOT_FOUND, "not found",
                () -> wire.serverStreaming("snix.castore.v1.BlobService/Read", bytesField(1, MISSING)));
        assertStatus(Status.Code.NOT_FOUND, "directory 1000",
                () -> wire.serverStreaming("snix.castore.v1.DirectoryService/Get", bytesField(1, MISSING)));
    }

    @Test
    void recursiveGetOfAMissingRootIsAnEmptyStreamNotNotFound() throws Exception {
        serveMemory();
        assertEquals(List.of(), wire.serverStreaming("snix.castore.v1.DirectoryService/Get",
                concat(bytesField(1, MISSING), varintField(2, 1))));
    }

    @Test
    void recursiveGetWithAMissingMemberFailsInternal() throws Exception {
        MemoryDirectoryService directories = new MemoryDirectoryService();
        directories.put(Fixtures.DIRECTORY_B); // a single put does not check children: A is missing
        serve(new MemoryBlobService(), directories);
        assertStatus(Status.Code.INTERNAL, "does not exist", () -> wire.serverStreaming(
                "snix.castore.v1.DirectoryService/Get",
                concat(bytesField(1, Fixtures.DIRECTORY_B.digest().toBytes()), varintField(2, 1))));
    }

    @Test
    void closureValidationFailuresAreInternal() throws Exception {
        serveMemory();
        String put = "snix.castore.v1.DirectoryService/Put";
        assertStatus(Status.Code.INTERNAL, "unknown directory was referenced",
                () -> wire.clientStreaming(put, List.of(WireCompatibilityTest.DIR_B)));
        byte[] wrongSize = bytesField(1, concat(bytesField(1, "a".getBytes()),
                bytesField(2, Fixtures.DIRECTORY_A.digest().toBytes()), varintField(3, 7)));
        assertStatus(Status.Code.INTERNAL, "wrong size, specified 7, recorded 0",
                () -> wire.clientStreaming(put, List.of(WireCompatibilityTest.DIR_A, wrongSize)));
        assertStatus(Status.Code.INTERNAL, "disconnected roots",
                () -> wire.clientStreaming(put, List.of(WireCompatibilityTest.DIR_A, WireCompatibilityTest.WITH_KEEP)));
        byte[] badDigestLength = bytesField(2, concat(bytesField(1, "f".getBytes()), bytesField(2, DIGEST_31)));
        assertStatus(Status.Code.INTERNAL, "", () -> wire.clientStreaming(put, List.of(badDigestLength)));
        byte[] unsorted = concat(bytesField(3, concat(bytesField(1, "b".getBytes()), bytesField(2, "x".getBytes()))),
                bytesField(3, concat(bytesField(1, "a".getBytes()), bytesField(2, "x".getBytes()))));
        assertStatus(Status.Code.INTERNAL, "", () -> wire.clientStreaming(put, List.of(unsorted)));
        assertTrue(wire.serverStreaming("snix.castore.v1.DirectoryService/Get",
                concat(bytesField(1, Fixtures.DIRECTORY_A.digest().toBytes()), varintField(2, 1))).isEmpty(),
                "nothing of a rejected closure is stored");
    }

    @Test
    void emptyDirectoryPutIsInvalidArgument() throws Exception {
        serveMemory();
        assertStatus(Status.Code.INVALID_ARGUMENT, "got no directories",
                () -> wire.clientStreaming("tvix.castore.v1.DirectoryService/Put", List.of()));
    }

    @Test
    void backendFailuresMapToDataLossAndInvalidArgument() throws Exception {
        serve(new FailingBlobService("disk on fire"), new FailingDirectoryService());
        assertStatus(Status.Code.DATA_LOSS, "storage error: disk on fire",
                () -> wire.unary("snix.castore.v1.BlobService/Stat", bytesField(1, MISSING)));
        assertStatus(Status.Code.DATA_LOSS, "disk on fire",
                () -> wire.serverStreaming("snix.castore.v1.BlobService/Read", bytesField(1, MISSING)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "read-only",
                () -> wire.clientStreaming("snix.castore.v1.DirectoryService/Put", List.of(WireCompatibilityTest.WITH_KEEP)));
        assertStatus(Status.Code.INTERNAL, "disk on fire",
                () -> wire.serverStreaming("snix.castore.v1.DirectoryService/Get", bytesField(1, MISSING)));
    }

    @Test
    void clientsMapStatusesBackToTheApiExceptions() throws Exception {
        serve(new FailingBlobService("disk on fire"), new FailingDirectoryService());
        try (var blobs = server.blobClient(); var directories = server.directoryClient()) {
            StorageException storage = assertThrows(StorageException.class, () -> blobs.has(B3Digest.of(MISSING)));
            assertTrue(storage.getMessage().contains("DATA_LOSS"), storage.getMessage());
            assertThrows(InvalidRequestException.class, () -> directories.put(Fixtures.DIRECTORY_WITH_KEEP));
        }
    }

    /** A read-only directory backend whose lookups fail. */
    private static final class FailingDirectoryService implements DirectoryService {
        @Override
        public Optional<Directory> get(B3Digest digest) throws StorageException {
            throw new StorageException("disk on fire");
        }

        @Override
        public B3Digest put(Directory directory) throws InvalidRequestException {
            throw new InvalidRequestException("this store is read-only");
        }

        @Override
        public ClosureStream getRecursive(B3Digest root) throws StorageException {
            throw new StorageException("disk on fire");
        }

        @Override
        public DirectoryPutter putter() throws InvalidRequestException {
            throw new InvalidRequestException("this store is read-only");
        }
    }
}
