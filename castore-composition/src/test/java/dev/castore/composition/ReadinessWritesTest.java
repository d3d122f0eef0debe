package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store that still reads but refuses every write until it is opened again (a local store after a
 * failed sync) makes the composition not ready, with the store's own words; once it takes writes
 * again, it is ready again. Decorators built on the forwarding bases pass the question on.
 */
class ReadinessWritesTest {

    /** Why the "refusing" stores refuse writes now; null while they take them. */
    private static final AtomicReference<String> REFUSING = new AtomicReference<>();

    @AfterEach
    void takeWritesAgain() {
        REFUSING.set(null);
    }

    @Test
    void aStoreThatRefusesWritesIsNotReady() throws Exception {
        try (Composition composition = TestStores.compose(TestStores.registry(new RefusingProvider()), """
                {"blobservices": {"root": {"type": "combined", "near": "near", "far": "far"},
                                  "near": {"type": "memory"}, "far": {"type": "refusing"}},
                 "directoryservices": {"root": {"type": "refusing"}}}
                """)) {
            composition.build(ServiceKind.BLOB, Composition.ROOT);
            composition.build(ServiceKind.DIRECTORY, Composition.ROOT);
            Readiness readiness = new Readiness(composition, Duration.ofSeconds(5));
            assertTrue(readiness.check().ready(), readiness.check().problems().toString());

            REFUSING.set("a sync of it failed (Input/output error)");
            Readiness.Result refusing = readiness.check();
            assertEquals(List.of("blob 'far' (refusing): refuses writes: a sync of it failed (Input/output error)",
                    "directory 'root' (refusing): refuses writes: a sync of it failed (Input/output error)"),
                    refusing.problems().stream().sorted().toList());
            assertEquals(refusing.problems().stream().sorted().toList(),
                    refusing.refusingWrites().stream().sorted().toList(), "told apart from stores that do not answer");

            REFUSING.set(null);
            assertTrue(readiness.check().ready(), readiness.check().problems().toString());
        }
    }

    @Test
    void theForwardingBasesPassTheQuestionOn() throws Exception {
        BlobService blobs = new ForwardingBlobService(new RefusingBlobService()) {};
        DirectoryService directories = new ForwardingDirectoryService(new RefusingDirectoryService()) {};
        blobs.checkWritable();
        directories.checkWritable();
        REFUSING.set("full stop");
        assertEquals("refuses writes: full stop",
                assertThrows(StorageException.class, blobs::checkWritable).getMessage());
        assertEquals("refuses writes: full stop",
                assertThrows(StorageException.class, directories::checkWritable).getMessage());
    }

    private static void check() throws StorageException {
        String why = REFUSING.get();
        if (why != null) {
            throw new StorageException("refuses writes: " + why);
        }
    }

    private static final class RefusingBlobService extends ForwardingBlobService {
        RefusingBlobService() {
            super(new MemoryBlobService());
        }

        @Override
        public void checkWritable() throws StorageException {
            check();
        }
    }

    private static final class RefusingDirectoryService extends ForwardingDirectoryService {
        RefusingDirectoryService() {
            super(new MemoryDirectoryService());
        }

        @Override
        public void checkWritable() throws StorageException {
            check();
        }
    }

    /** A blob and a directory store that read and write in memory and refuse writes while {@link #REFUSING} says so. */
    public static final class RefusingProvider implements ServiceBuilderProvider {
        @Override
        public List<Registration<?>> registrations() {
            return List.of(Registration.of(ServiceKind.BLOB, "refusing", BlobConfig.class),
                    Registration.of(ServiceKind.DIRECTORY, "refusing", DirectoryConfig.class));
        }
    }

    public record BlobConfig() implements ServiceBuilder<BlobService> {
        @Override
        public BlobService build(String instanceName, CompositionContext context) {
            return new RefusingBlobService();
        }
    }

    public record DirectoryConfig() implements ServiceBuilder<DirectoryService> {
        @Override
        public DirectoryService build(String instanceName, CompositionContext context) {
            return new RefusingDirectoryService();
        }
    }
}
