package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.InvalidRequestException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.InnerStores.Kind;
import dev.castore.composition.TestStores.TamperableDirectoryService;
import dev.castore.composition.combinator.CacheDirectoryService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.DirectoryServiceContract;
import dev.castore.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract runs on a write-through cache itself; the behaviour over each kind of real far store. */
class WriteThroughCacheDirectoryServiceTest extends DirectoryServiceContract {

    @RegisterExtension
    static final InnerStores stores = new InnerStores();
    private TamperableDirectoryService near;
    private TamperableDirectoryService far;

    @Override
    protected DirectoryService newDirectoryService() {
        near = new TamperableDirectoryService();
        far = new TamperableDirectoryService();
        return new CacheDirectoryService(near, far, true);
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        near.tamper(digest);
        far.tamper(digest);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClosurePutGoesToFarAndNear(Kind kind) throws Exception {
        try (Composition c = stores.compose(ServiceKind.DIRECTORY, "cache://?near=near&far=far&write_through=yes",
                Map.of("near", "memory://", "far", stores.url(kind)))) {
            DirectoryService cache = stores.directories(c);
            MemoryDirectoryService nearStore = (MemoryDirectoryService) c.build(ServiceKind.DIRECTORY, "near");
            try (DirectoryPutter p = cache.putter()) {
                p.put(Fixtures.DIRECTORY_A);
                p.put(Fixtures.DIRECTORY_B);
                p.put(Fixtures.DIRECTORY_D);
                assertEquals(Fixtures.DIRECTORY_D.digest(), p.commit());
            }
            assertEquals(3, nearStore.size(), "near got the closure");
            DirectoryService farStore = c.build(ServiceKind.DIRECTORY, "far");
            try (Stream<Directory> s = farStore.getRecursive(Fixtures.DIRECTORY_D.digest()).asStream()) {
                assertEquals(List.of(Fixtures.DIRECTORY_D, Fixtures.DIRECTORY_A, Fixtures.DIRECTORY_B), s.toList(),
                        "far got the closure");
            }
            assertEquals(Fixtures.DIRECTORY_WITH_KEEP.digest(), cache.put(Fixtures.DIRECTORY_WITH_KEEP));
            assertEquals(Optional.of(Fixtures.DIRECTORY_WITH_KEEP), nearStore.get(Fixtures.DIRECTORY_WITH_KEEP.digest()));
            assertEquals(Optional.of(Fixtures.DIRECTORY_WITH_KEEP), farStore.get(Fixtures.DIRECTORY_WITH_KEEP.digest()));
        }
    }

    @Test
    void withoutWriteThroughWritesAreStillRefused() throws Exception {
        try (Composition c = stores.compose(ServiceKind.DIRECTORY, "cache://?near=memory://&far=memory://")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> stores.directories(c).put(Fixtures.DIRECTORY_A));
            assertEquals("unimplemented: the cache directory service does not accept writes; write to its near or far "
                    + "service, or set write_through", e.getMessage());
        }
        try (Composition c = stores.compose(ServiceKind.DIRECTORY,
                "cache://?near=memory://&far=memory://&write_through=true")) {
            assertEquals(Fixtures.DIRECTORY_A.digest(), stores.directories(c).put(Fixtures.DIRECTORY_A));
        }
    }
}
