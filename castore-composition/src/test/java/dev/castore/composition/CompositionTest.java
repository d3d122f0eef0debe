package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.composition.combinator.CacheDirectoryService;
import dev.castore.composition.combinator.CombinedBlobService;
import dev.castore.composition.combinator.ReadonlyBlobService;
import dev.castore.composition.combinator.ReadonlyDirectoryService;
import dev.castore.composition.combinator.VerifyingBlobService;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The composition's behaviour, as tvix/snix specify it in their own tests. */
class CompositionTest {

    private StoreRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        registry = TestStores.registry(new TestStores.AccessProvider());
        TestStores.BUILDS.clear();
        TestStores.CLOSED.clear();
        TestStores.ACCESS.clear();
    }

    private Composition compose(String json) throws Exception {
        return TestStores.compose(registry, json);
    }

    /** A composition whose instance {@code root} of {@code kind} is given by {@code url}. */
    private Composition composeUrl(ServiceKind<?> kind, String url) throws Exception {
        return new Composition(registry, CompositionConfig.builder().addUrl(registry, kind, "root", url).build());
    }

    @Test
    void buildingTheSameNameConcurrentlyYieldsOneInstance() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "counting", "delay_millis": 200}}}""")) {
            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<BlobService>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit((Callable<BlobService>) () -> {
                    start.await();
                    return c.build(ServiceKind.BLOB, "root");
                }));
            }
            start.countDown();
            Set<BlobService> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Future<BlobService> f : results) {
                distinct.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, distinct.size(), "every thread gets the same instance");
            assertEquals(1, TestStores.BUILDS.get("root").get(), "its builder ran once");
        }
    }

    @Test
    void recursionThroughAnotherInstanceReportsTheStack() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root":  {"type": "combined", "near": "other", "far": "other"},
                  "other": {"type": "combined", "near": "root",  "far": "root"}}}""")) {
            RecursionException e = assertThrows(RecursionException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertEquals(List.of("root", "other"), e.stack());
            assertTrue(e.getMessage().contains("blob 'root' -> blob 'other' -> blob 'root'"), e.getMessage());
        }
    }

    @Test
    void selfReferenceIsRecursionToo() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "counting", "next": "root"}}}""")) {
            RecursionException e = assertThrows(RecursionException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertEquals(List.of("root"), e.stack());
        }
    }

    @Test
    void aFailedBuildIsReportedWithNameAndCauseAndNotRetried() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "counting", "fail": true}}}""")) {
            BuildFailedException first = assertThrows(BuildFailedException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertEquals("instantiation of blob service 'root' failed: backend of root unreachable", first.getMessage());
            BuildFailedException second = assertThrows(BuildFailedException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertSame(first, second, "the same failure, memoized");
            assertEquals(1, TestStores.BUILDS.get("root").get());
        }
    }

    @Test
    void aFailureBelowIsReportedThroughTheInstanceThatNeededIt() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "combined", "near": "ok", "far": "broken"},
                  "ok": {"type": "memory"},
                  "broken": {"type": "counting", "fail": true}}}""")) {
            BuildFailedException e = assertThrows(BuildFailedException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertTrue(e.getMessage().contains("'broken' failed: backend of broken unreachable"), e.getMessage());
        }
    }

    @Test
    void unknownNamesAreNotFound() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "memory"}}}""")) {
            StoreNotFoundException e = assertThrows(StoreNotFoundException.class, () -> c.build(ServiceKind.BLOB, "nope"));
            assertTrue(e.getMessage().startsWith("store not found: blob 'nope'"), e.getMessage());
            assertThrows(StoreNotFoundException.class, () -> c.build(ServiceKind.DIRECTORY, "root"));
        }
    }

    @Test
    void blobAndDirectoryInstancesShareNamesButNotNamespaces() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "memory"}},
                 "directoryservices": {"root": {"type": "memory"}}}""")) {
            assertInstanceOf(MemoryBlobService.class, c.build(ServiceKind.BLOB, Composition.ROOT));
            assertInstanceOf(MemoryDirectoryService.class, c.build(ServiceKind.DIRECTORY, Composition.ROOT));
        }
    }

    @Test
    void onlyWhatTheEntrypointReachesIsBuilt() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "counting", "next": "used"},
                  "used": {"type": "counting"},
                  "unused": {"type": "counting"}}}""")) {
            c.build(ServiceKind.BLOB, "root");
            assertEquals(Set.of("root", "used"), new HashSet<>(TestStores.BUILDS.keySet()));
        }
    }

    @Test
    void closingClosesDependentsBeforeDependencies() throws Exception {
        Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "counting", "next": "middle"},
                  "middle": {"type": "counting", "next": "leaf"},
                  "leaf": {"type": "counting"}}}""");
        c.build(ServiceKind.BLOB, "root");
        c.close();
        assertEquals(List.of("root", "middle", "leaf"), TestStores.CLOSED);
        c.close();
        assertEquals(3, TestStores.CLOSED.size(), "close is idempotent");
    }

    @Test
    void combinedAcceptsTvixFieldNames() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "combined", "local": "a", "remote": "b"},
                  "a": {"type": "memory"}, "b": {"type": "memory"}}}""")) {
            assertInstanceOf(CombinedBlobService.class, c.build(ServiceKind.BLOB, "root"));
        }
    }

    @Test
    void urlReferencesBuildFreshAnonymousInstances() throws Exception {
        try (Composition c = compose("""
                {"directoryservices": {"root": {"type": "cache", "near": "memory://", "far": "memory://"}},
                 "blobservices": {"root": {"type": "counting", "next": "memory://"}}}""")) {
            assertInstanceOf(CacheDirectoryService.class, c.build(ServiceKind.DIRECTORY, "root"));
            BlobService a = c.build(ServiceKind.BLOB, "root");
            assertSame(a, c.build(ServiceKind.BLOB, "root"));
            assertNotSame(c.build(ServiceKind.BLOB, "memory://"), c.build(ServiceKind.BLOB, "memory://"));
        }
    }

    private Composition composeForReading(String json) throws Exception {
        return new Composition(registry, CompositionConfig.parse(registry, json, ConfigFormat.JSON), Telemetry.none(),
                Access.READ_ONLY);
    }

    @Test
    void aCompositionForReadingBuildsItsInstancesAndWhatTheyReferToForReading() throws Exception {
        try (Composition c = composeForReading("""
                {"directoryservices": {
                  "root": {"type": "readonly", "inner": "plain"},
                  "plain": {"type": "access", "label": "plain"}}}""")) {
            c.build(ServiceKind.DIRECTORY, "root");
            assertEquals(Access.READ_ONLY, c.access());
            assertEquals(Map.of("plain", Access.READ_ONLY), TestStores.ACCESS);
        }
    }

    @Test
    void aCompositionBuildsForWritingUnlessToldOtherwise() throws Exception {
        try (Composition c = compose("""
                {"directoryservices": {"root": {"type": "access", "label": "root"}}}""")) {
            c.build(ServiceKind.DIRECTORY, "root");
            assertEquals(Map.of("root", Access.READ_WRITE), TestStores.ACCESS);
        }
    }

    @Test
    void aNamedCacheThatWritesWhenReadMakesTheWholeCompositionBuildForWriting() throws Exception {
        try (Composition c = composeForReading("""
                {"directoryservices": {
                  "root": {"type": "cache", "near": "near", "far": "far"},
                  "near": {"type": "access", "label": "near"},
                  "far": {"type": "access", "label": "far"},
                  "other": {"type": "access", "label": "other"}}}""")) {
            c.build(ServiceKind.DIRECTORY, "root");
            c.build(ServiceKind.DIRECTORY, "other");
            assertEquals(Access.READ_WRITE, c.access());
            assertEquals(Map.of("near", Access.READ_WRITE, "far", Access.READ_WRITE, "other", Access.READ_WRITE),
                    TestStores.ACCESS);
        }
    }

    @Test
    void anLruThatCopiesWhatItReadsIntoNearGetsItsChildrenForWriting() throws Exception {
        try (Composition c = composeForReading("""
                {"blobservices": {
                  "root": {"type": "lru", "near": "near", "far": "far", "max_bytes": 1048576},
                  "near": {"type": "access", "label": "near"},
                  "far": {"type": "access", "label": "far"}}}""")) {
            c.build(ServiceKind.BLOB, "root");
            assertEquals(Access.READ_WRITE, c.access());
            assertEquals(Map.of("near", Access.READ_WRITE, "far", Access.READ_WRITE), TestStores.ACCESS);
        }
    }

    @Test
    void aCacheGivenByUrlInACompositionForReadingGetsItsChildrenForWriting() throws Exception {
        try (Composition c = composeForReading("""
                {"directoryservices": {
                  "root": {"type": "readonly", "inner": "cache://?near=near&far=far"},
                  "near": {"type": "access", "label": "near"},
                  "far": {"type": "access", "label": "far"}}}""")) {
            c.build(ServiceKind.DIRECTORY, "root");
            assertEquals(Access.READ_ONLY, c.access());
            assertEquals(Map.of("near", Access.READ_WRITE, "far", Access.READ_WRITE), TestStores.ACCESS);
        }
    }

    @Test
    void aCacheFromItsUrlForm() throws Exception {
        try (Composition c = composeUrl(ServiceKind.DIRECTORY, "cache://?near=memory://&far=memory://")) {
            assertInstanceOf(CacheDirectoryService.class, c.build(ServiceKind.DIRECTORY, "root"));
        }
    }

    @Test
    void readonlyFromAConfigAndFromItsUrlForm() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "readonly", "inner": "memory://"}},
                 "directoryservices": {"root": {"type": "readonly", "inner": "memory://"}}}""")) {
            assertInstanceOf(ReadonlyBlobService.class, c.build(ServiceKind.BLOB, "root"));
            assertInstanceOf(ReadonlyDirectoryService.class, c.build(ServiceKind.DIRECTORY, "root"));
        }
        try (Composition c = composeUrl(ServiceKind.BLOB, "readonly://?inner=memory://")) {
            assertInstanceOf(ReadonlyBlobService.class, c.build(ServiceKind.BLOB, "root"));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> CompositionConfig.builder()
                .addUrl(registry, ServiceKind.BLOB, "root", "readonly://?next=memory://"));
        assertEquals("invalid blob URL 'readonly://?next=memory://': unknown parameter 'next'; accepted: inner", e.getMessage());
    }

    @Test
    void verifyingFromAConfigAndFromItsUrlForm() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {"root": {"type": "verifying", "inner": "memory://"}}}""")) {
            assertInstanceOf(VerifyingBlobService.class, c.build(ServiceKind.BLOB, "root"));
        }
        try (Composition c = composeUrl(ServiceKind.BLOB, "verifying://?inner=memory://")) {
            assertInstanceOf(VerifyingBlobService.class, c.build(ServiceKind.BLOB, "root"));
        }
    }
}
