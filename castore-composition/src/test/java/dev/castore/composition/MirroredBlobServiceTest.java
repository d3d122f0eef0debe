package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.InnerStores.Kind;
import dev.castore.composition.combinator.MirroredBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.testkit.BlobServiceContract;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.FailingBlobService;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract runs over two object stores on {@code file://} (off the capped heap, which could not
 * hold the large blob twice), damaged both, since a mirror serves what either side has; the
 * behaviour runs over each kind of real store.
 */
class MirroredBlobServiceTest extends BlobServiceContract {

    @RegisterExtension
    static final InnerStores stores = new InnerStores();
    private static final List<Composition> CONTRACT_STORES = new ArrayList<>();
    private List<Path> sides;

    @AfterAll
    static void stop() throws Exception {
        for (Composition c : CONTRACT_STORES) {
            c.close();
        }
    }

    @Override
    protected BlobService newBlobService() throws Exception {
        String a = stores.url(Kind.FILE);
        String b = stores.url(Kind.FILE);
        sides = List.of(Path.of(a.substring("objectstore+file://".length())), Path.of(b.substring("objectstore+file://".length())));
        Composition c = stores.composeBlobs("mirrored://?a=left&b=right", Map.of("left", a, "right", b));
        CONTRACT_STORES.add(c);
        return stores.blobs(c);
    }

    @Override
    protected boolean storesBlobsOnHeap() {
        return true;
    }

    @Override
    protected void corrupt(BlobService service, B3Digest digest) throws IOException {
        for (Path side : sides) {
            try (Stream<Path> files = Files.walk(side.resolve("chunks"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(f);
                    bytes[bytes.length - 1] ^= 1;
                    Files.write(f, bytes);
                }
            }
        }
    }

    private static Composition mirrorOf(Kind kind) throws Exception {
        return stores.composeBlobs("mirrored://?a=left&b=right", Map.of("left", stores.url(kind), "right", stores.url(kind)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writesReachBothStoresAndAMissingCopyIsRepairedOnRead(Kind kind) throws Exception {
        try (Composition c = mirrorOf(kind)) {
            BlobService mirror = stores.blobs(c);
            BlobService sideA = c.build(ServiceKind.BLOB, "left");
            BlobService sideB = c.build(ServiceKind.BLOB, "right");
            byte[] data = Fixtures.randomBytes(31, 700 * 1024);
            B3Digest written = Blobs.write(mirror, data);
            assertTrue(sideA.has(written) && sideB.has(written), "a write reaches both stores");

            B3Digest onlyInB = Blobs.write(sideB, Fixtures.BLOB_B);
            assertFalse(sideA.has(onlyInB));
            assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(mirror, onlyInB));
            assertTrue(sideA.has(onlyInB), "the read copied the blob to the store that missed it");
            assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(sideA, onlyInB));

            B3Digest onlyInA = Blobs.write(sideA, Fixtures.HELLOWORLD_BLOB);
            assertTrue(mirror.has(onlyInA));
            assertTrue(sideB.has(onlyInA), "has copied the blob to the store that missed it");
            assertFalse(mirror.has(Fixtures.BLOB_A_DIGEST));
        }
    }

    /** A store that is down: every call fails (an error path, so a stand-in is fine here). */
    private static BlobService down() {
        return new FailingBlobService("connection refused");
    }

    @Test
    void aCommitFailsWhenOneSideFailsAndReadsGoAroundIt() throws Exception {
        MemoryBlobService good = new MemoryBlobService();
        B3Digest stored = Blobs.write(good, Fixtures.BLOB_B);
        for (MirroredBlobService mirror : List.of(new MirroredBlobService("mirror", good, down()),
                new MirroredBlobService("mirror", down(), good))) {
            StorageException e = assertThrows(StorageException.class, () -> Blobs.write(mirror, Fixtures.BLOB_A));
            assertEquals("connection refused", e.getMessage());
            assertTrue(mirror.has(stored));
            assertArrayEquals(Fixtures.BLOB_B, Blobs.readAll(mirror, stored));
            assertFalse(mirror.has(Fixtures.HELLOWORLD_DIGEST));
        }
        MirroredBlobService bothDown = new MirroredBlobService("mirror", down(), down());
        assertThrows(StorageException.class, () -> bothDown.open(stored));
    }

    @Test
    void fromItsUrlForm() throws Exception {
        try (Composition c = stores.compose(ServiceKind.BLOB, "mirrored://?a=memory://&b=memory://")) {
            assertEquals(MirroredBlobService.class, stores.blobs(c).getClass());
        }
    }
}
