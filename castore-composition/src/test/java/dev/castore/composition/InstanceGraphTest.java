package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import dev.castore.composition.combinator.CacheDirectoryServiceConfig;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.memory.MemoryBlobServiceConfig;
import dev.castore.store.memory.MemoryProvider;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The instance graph: files and URLs bind into the same instances, and the whole graph is checked before any build. */
class InstanceGraphTest {

    private StoreRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        registry = StoreRegistry.of(List.of(new MemoryProvider(), new CombinatorProvider(), new TestStores.TestProvider()));
        TestStores.BUILDS.clear();
    }

    private CompositionConfig parse(String json) throws ConfigException {
        return CompositionConfig.parse(registry, json, ConfigFormat.JSON);
    }

    @Test
    void aFileAndAUrlBindToTheSameInstanceWithItsTypeTag() throws Exception {
        Instance fromFile = parse("""
                {"directoryservices": {"root": {"type": "cache", "near": "memory://", "far": "b"}}}""")
                .instance(ServiceKind.DIRECTORY, "root").orElseThrow();
        Instance fromUrl = CompositionConfig.builder()
                .addUrl(registry, ServiceKind.DIRECTORY, "root", "cache://?near=memory://&far=b").build()
                .instance(ServiceKind.DIRECTORY, "root").orElseThrow();
        Instance expected = new Instance(ServiceKind.DIRECTORY, "root", "cache",
                new CacheDirectoryServiceConfig("memory://", "b"),
                List.of(new ServiceReference(ServiceKind.DIRECTORY, "memory://", "near"),
                        new ServiceReference(ServiceKind.DIRECTORY, "b", "far")));
        assertEquals(expected, fromFile);
        assertEquals(expected, fromUrl);
        assertEquals(new Instance(ServiceKind.BLOB, "anonymous", "memory", new MemoryBlobServiceConfig(), List.of()),
                new Binder(registry).bindUrl(ServiceKind.BLOB, "anonymous", "memory://"));
    }

    @Test
    void instancesKeepTheirKindTypeAndFileOrder() throws Exception {
        CompositionConfig c = parse("""
                {"directoryservices": {"root": {"type": "memory"}},
                 "blobservices": {"root": {"type": "combined", "near": "z", "far": "a"},
                                  "z": {"type": "counting"}, "a": {"type": "memory"}}}""");
        assertEquals(List.of("blob 'root' combined", "blob 'z' counting", "blob 'a' memory", "directory 'root' memory"),
                c.instances().stream().map(i -> i + " " + i.type()).toList());
    }

    @Test
    void theWholeGraphIsCheckedAndEachProblemReportedOnce() throws Exception {
        CompositionConfig c = parse("""
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "gone"},
                  "a":    {"type": "combined", "near": "b", "far": "leaf"},
                  "b":    {"type": "combined", "near": "a", "far": "leaf"},
                  "self": {"type": "combined", "near": "self", "far": "leaf"},
                  "leaf": {"type": "counting"}},
                 "directoryservices": {
                  "root": {"type": "cache", "near": "memory://", "far": "cache://?near=memory://&far=nowhere"},
                  "bad":  {"type": "cache", "near": "nosuch://x", "far": "root"}}}""");
        assertEquals(List.of(
                "cycle: blob 'a' -> blob 'b' -> blob 'a'",
                "blob instance 'root': field 'far' refers to blob 'gone', which the composition does not have",
                "cycle: blob 'self' -> blob 'self'",
                "directory instance 'cache://?near=memory://&far=nowhere': field 'far' refers to directory 'nowhere',"
                        + " which the composition does not have",
                "directory instance 'bad': field 'near': Unknown type: nosuch (in directory URL 'nosuch://x');"
                        + " known directory types: [cache, memory]"),
                c.problems(registry));
        assertEquals(java.util.Map.of(), TestStores.BUILDS);
    }

    @Test
    void aGraphWithoutProblemsHasNone() throws Exception {
        assertEquals(List.of(), parse("""
                {"blobservices": {
                  "root": {"type": "combined", "near": "a", "far": "memory://"},
                  "a":    {"type": "combined", "near": "leaf", "far": "leaf"},
                  "leaf": {"type": "memory"}}}""").problems(registry));
    }
}
