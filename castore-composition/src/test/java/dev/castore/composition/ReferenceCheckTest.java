package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.ServiceKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** References are checked before anything is built: cycles and missing names, with their whole path. */
class ReferenceCheckTest {

    private StoreRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        registry = TestStores.registry();
        TestStores.BUILDS.clear();
    }

    private Composition compose(String json) throws Exception {
        return TestStores.compose(registry, json);
    }

    /**
     * root builds a and b in parallel; a needs b and b needs a. Built as it comes, each of a and
     * b can be waiting for the other's build to finish; checked first, the cycle is an error.
     */
    @Test
    void aCycleThroughParallelCombinatorsIsReportedAtOnceEveryTime() {
        String json = """
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "b"},
                  "a":    {"type": "combined", "near": "b", "far": "leaf"},
                  "b":    {"type": "combined", "near": "a", "far": "leaf"},
                  "leaf": {"type": "counting", "delay_millis": 50}}}""";
        for (int run = 0; run < 100; run++) {
            RecursionException e = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
                try (Composition c = compose(json)) {
                    return assertThrows(RecursionException.class, () -> c.build(ServiceKind.BLOB, "root"));
                }
            });
            assertEquals("recursion detected while building blob 'root' -> blob 'a' -> blob 'b' -> blob 'a'", e.getMessage());
            assertEquals(List.of("root", "a", "b"), e.stack());
        }
        assertTrue(TestStores.BUILDS.isEmpty(), "nothing was built: " + TestStores.BUILDS);
    }

    @Test
    void aMissingNameDeepDownIsReportedWithThePathToIt() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "combined", "near": "leaf", "far": "mid"},
                  "mid":  {"type": "combined", "near": "leaf", "far": "gone"},
                  "leaf": {"type": "counting"}}}""")) {
            StoreNotFoundException e = assertThrows(StoreNotFoundException.class, () -> c.build(ServiceKind.BLOB, "root"));
            assertEquals("store not found: blob 'gone', referred to by blob 'root' -> blob 'mid' (field 'far')"
                    + " (blob services: [root, mid, leaf])", e.getMessage());
        }
        assertTrue(TestStores.BUILDS.isEmpty(), "nothing was built: " + TestStores.BUILDS);
    }

    @Test
    void aCycleThroughAUrlReferenceIsFoundToo() throws Exception {
        try (Composition c = compose("""
                {"directoryservices": {
                  "root": {"type": "cache", "near": "memory://", "far": "cache://?near=memory://&far=root"}}}""")) {
            RecursionException e = assertThrows(RecursionException.class, () -> c.build(ServiceKind.DIRECTORY, "root"));
            assertEquals("recursion detected while building directory 'root' -> directory 'cache://?near=memory://&far=root'"
                    + " -> directory 'root'", e.getMessage());
        }
    }

    @Test
    void sharedInstancesAreNotCycles() throws Exception {
        try (Composition c = compose("""
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "b"},
                  "a":    {"type": "combined", "near": "leaf", "far": "leaf"},
                  "b":    {"type": "combined", "near": "a", "far": "leaf"},
                  "leaf": {"type": "memory"}}}""")) {
            assertDoesNotThrow(() -> c.build(ServiceKind.BLOB, "root"));
        }
    }

    @Test
    void aChainOfManyInstancesIsCheckedWithoutRecursion() throws Exception {
        StringBuilder json = new StringBuilder("{\"blobservices\": {");
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            json.append('"').append(i == 0 ? "root" : "i" + i).append("\": {\"type\": \"combined\", \"near\": \"leaf\", \"far\": \"")
                    .append(i + 1 == n ? "root" : "i" + (i + 1)).append("\"},");
        }
        json.append("\"leaf\": {\"type\": \"memory\"}}}");
        CompositionConfig config = CompositionConfig.parse(registry, json.toString(), ConfigFormat.JSON);
        RecursionException e = assertThrows(RecursionException.class,
                () -> ReferenceCheck.check(new Binder(registry), config, ServiceKind.BLOB, "root"));
        assertEquals(n, e.stack().size());
        assertTrue(e.getMessage().endsWith("blob 'i99999' -> blob 'root'"), e.getMessage().substring(e.getMessage().length() - 80));
    }

    @Test
    void theWholeGraphIsCheckedAndEachProblemReportedOnce() throws Exception {
        CompositionConfig c = CompositionConfig.parse(registry, """
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "gone"},
                  "a":    {"type": "combined", "near": "b", "far": "leaf"},
                  "b":    {"type": "combined", "near": "a", "far": "leaf"},
                  "self": {"type": "combined", "near": "self", "far": "leaf"},
                  "leaf": {"type": "counting"}},
                 "directoryservices": {
                  "root": {"type": "cache", "near": "memory://", "far": "cache://?near=memory://&far=nowhere"},
                  "bad":  {"type": "cache", "near": "nosuch://x", "far": "root"}}}""", ConfigFormat.JSON);
        assertEquals(List.of(
                "cycle: blob 'a' -> blob 'b' -> blob 'a'",
                "blob instance 'root': field 'far' refers to blob 'gone', which the composition does not have",
                "cycle: blob 'self' -> blob 'self'",
                "directory instance 'cache://?near=memory://&far=nowhere': field 'far' refers to directory 'nowhere',"
                        + " which the composition does not have",
                "directory instance 'bad': field 'near': Unknown type: nosuch (in directory URL 'nosuch://x');"
                        + " known directory types: [cache, memory, readonly]"),
                c.problems(registry));
        assertEquals(java.util.Map.of(), TestStores.BUILDS);
    }

    @Test
    void theDecoratorsReferencesAreCheckedLikeAnyOther() throws Exception {
        CompositionConfig c = CompositionConfig.parse(registry, """
                {"blobservices": {
                  "root":   {"type": "sharding", "shards": [{"store": "cached", "weight": 2}, {"store": "gone"}]},
                  "cached": {"type": "lru", "near": "memory://", "far": "mirror", "max_bytes": 1000},
                  "mirror": {"type": "mirrored", "a": "known", "b": "root"},
                  "known":  {"type": "has-cache", "inner": "lru://?near=memory://&far=nowhere&max_bytes=1"}}}""",
                ConfigFormat.JSON);
        assertEquals(List.of(
                "blob instance 'lru://?near=memory://&far=nowhere&max_bytes=1': field 'far' refers to blob 'nowhere', "
                        + "which the composition does not have",
                "cycle: blob 'root' -> blob 'cached' -> blob 'mirror' -> blob 'root'",
                "blob instance 'root': field 'shards[1].store' refers to blob 'gone', which the composition does not have"),
                c.problems(registry));
        assertEquals(List.of("cached", "gone"), c.instance(ServiceKind.BLOB, "root").orElseThrow().references().stream()
                .map(r -> r.name()).toList());
    }

    @Test
    void aGraphWithoutProblemsHasNone() throws Exception {
        assertEquals(List.of(), CompositionConfig.parse(registry, """
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "memory://"},
                  "a":    {"type": "combined", "near": "leaf", "far": "leaf"},
                  "leaf": {"type": "memory"}}}""", ConfigFormat.JSON).problems(registry));
    }
}
