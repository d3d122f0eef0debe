package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import dev.castore.composition.combinator.CacheDirectoryServiceConfig;
import dev.castore.composition.combinator.CombinedBlobServiceConfig;
import dev.castore.store.memory.MemoryBlobServiceConfig;
import dev.castore.store.memory.MemoryDirectoryServiceConfig;
import dev.castore.store.memory.MemoryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files, URLs and the registry: every error names what was wrong and what is accepted. */
class ConfigParsingTest {

    private StoreRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        registry = TestStores.registry();
    }

    private ConfigException parseError(String json) {
        return assertThrows(ConfigException.class, () -> CompositionConfig.parse(registry, json, ConfigFormat.JSON));
    }

    @Test
    void unknownTypeNamesInstanceTagAndAcceptedTypes() {
        ConfigException e = parseError("""
                {"blobservices": {"root": {"type": "nosuch"}}}""");
        assertEquals("blob instance 'root': Unknown type: nosuch; blob types: [combined, counting, has-cache, lru, memory, mirrored, readonly, sharding, verifying]", e.getMessage());
    }

    @Test
    void unknownFieldNamesInstanceFieldAndAcceptedFields() {
        ConfigException e = parseError("""
                {"blobservices": {"root": {"type": "combined", "near": "a", "far": "b", "nearr": "c"}}}""");
        assertTrue(e.getMessage().startsWith("blob instance 'root' (type combined): unknown field 'nearr'; accepted fields: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("far") && e.getMessage().contains("near"), e.getMessage());

        ConfigException none = parseError("""
                {"directoryservices": {"d": {"type": "memory", "path": "/x"}}}""");
        assertTrue(none.getMessage().startsWith("directory instance 'd' (type memory): unknown field 'path'"), none.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        ConfigException e = parseError("""
                {"blobservices": {"root": {"type": "combined", "near": "a"}}}""");
        assertTrue(e.getMessage().startsWith("blob instance 'root' (type combined): far is required"), e.getMessage());
    }

    @Test
    void missingTypeAndUnknownSectionAreErrors() {
        assertTrue(parseError("""
                {"blobservices": {"root": {"near": "a"}}}""").getMessage().contains("missing \"type\""));
        assertTrue(parseError("""
                {"blobs": {}}""").getMessage().contains("unknown section 'blobs'; accepted: [blobservices, directoryservices]"));
        assertTrue(parseError("{\"blobservices\": ").getMessage().startsWith("invalid JSON"));
    }

    @Test
    void tomlFilesInTheSnixLayoutLoadUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.toml");
        Files.writeString(file, """
                [blobservices.root]
                type = "combined"
                near = "local"
                far = "memory"

                [blobservices.local]
                type = "memory"

                [blobservices.memory]
                type = "memory"

                [directoryservices.root]
                type = "memory"

                [pathinfoservices.root]
                type = "memory"
                """);
        CompositionConfig c = CompositionConfig.read(registry, file);
        assertEquals(Set.of("root", "local", "memory"), c.names(ServiceKind.BLOB));
        assertInstanceOf(CombinedBlobServiceConfig.class, c.get(ServiceKind.BLOB, "root").orElseThrow());
        assertInstanceOf(MemoryDirectoryServiceConfig.class, c.get(ServiceKind.DIRECTORY, "root").orElseThrow());
    }

    @Test
    void yamlFilesLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.yaml");
        Files.writeString(file, """
                blobservices:
                  root:
                    type: combined
                    local: a
                    remote: b
                  a: {type: memory}
                  b: {type: memory}
                """);
        CompositionConfig c = CompositionConfig.read(registry, file);
        assertEquals(new CombinedBlobServiceConfig("a", "b"), c.get(ServiceKind.BLOB, "root").orElseThrow());
        assertEquals(List.of(), c.problems(registry));
    }

    @Test
    void malformedFilesAreOneLineWithTheProblemAndItsPlace(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "blobservices:\n  root:\n    type: memory\n   bad: [\n");
        ConfigException e = assertThrows(ConfigException.class, () -> CompositionConfig.read(registry, yaml));
        assertEquals("invalid YAML: while parsing a block mapping: expected <block end>, but found"
                + " '<block mapping start>' at line 4, column 4", e.getMessage().substring(e.getMessage().indexOf("invalid")));
        Path toml = Files.writeString(dir.resolve("bad.toml"), "[blobservices.root]\ntype = \n");
        e = assertThrows(ConfigException.class, () -> CompositionConfig.read(registry, toml));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        Path json = Files.writeString(dir.resolve("bad.json"), "{\"blobservices\": {\n\"root\": [}}");
        e = assertThrows(ConfigException.class, () -> CompositionConfig.read(registry, json));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void danglingReferencesAreListed() throws Exception {
        CompositionConfig c = CompositionConfig.parse(registry, """
                {"blobservices": {"root": {"type": "combined", "near": "a", "far": "memory://"}}}""", ConfigFormat.JSON);
        assertEquals(List.of("blob instance 'root': field 'near' refers to blob 'a', which the composition does not have"),
                c.problems(registry));
    }

    @Test
    void urlsMapToTheSameConfigs() throws Exception {
        assertEquals(new MemoryBlobServiceConfig(), registry.parseUrl(ServiceKind.BLOB, "memory://"));
        assertTrue(assertThrows(ConfigException.class, () -> registry.parseUrl(ServiceKind.BLOB, "memory:///"))
                .getMessage().contains("invalid url"));
        assertThrows(ConfigException.class, () -> registry.parseUrl(ServiceKind.BLOB, "memory://foo"));
        assertEquals("Unknown type: nosuch (in blob URL 'nosuch://x'); known blob types: [combined, counting, has-cache, lru, memory, mirrored, readonly, sharding, verifying]",
                assertThrows(ConfigException.class, () -> registry.parseUrl(ServiceKind.BLOB, "nosuch://x")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> registry.parseUrl(ServiceKind.BLOB, "combined://"))
                .getMessage().contains("cannot be created from a URL"));
        assertTrue(assertThrows(ConfigException.class, () -> registry.parseUrl(ServiceKind.BLOB, "not a url"))
                .getMessage().startsWith("unable to parse url"));
    }

    @Test
    void twoProvidersOfOneTypeAreAStartupErrorNamingBoth() {
        ServiceBuilderProvider clash = () -> List.of(Registration.of(ServiceKind.BLOB, "memory", MemoryBlobServiceConfig.class));
        var e = assertThrows(dev.castore.api.spi.CompositionException.class,
                () -> StoreRegistry.of(List.of(new MemoryProvider(), clash)));
        assertTrue(e.getMessage().contains("two providers register the blob type 'memory'"), e.getMessage());
        assertTrue(e.getMessage().contains("module dev.castore.store.memory"), e.getMessage());
        assertTrue(e.getMessage().contains("module dev.castore.composition"), e.getMessage());
    }

    @Test
    void aProviderThatThrowsIsReportedByModuleAndTheOthersLoad() throws Exception {
        ServiceBuilderProvider broken = () -> {
            throw new IllegalStateException("missing native library");
        };
        StoreRegistry r = StoreRegistry.of(List.of(new MemoryProvider(), broken));
        assertEquals(1, r.failures().size());
        assertEquals("dev.castore.composition", r.failures().getFirst().source());
        assertTrue(r.failures().getFirst().error().contains("missing native library"));
        assertTrue(r.lookup(ServiceKind.BLOB, "memory").isPresent());
    }

    @Test
    void theServiceLoaderFindsEveryProviderOnTheModulePath() throws Exception {
        StoreRegistry r = StoreRegistry.load();
        assertEquals("dev.castore.store.memory", r.lookup(ServiceKind.BLOB, "memory").orElseThrow().provider().module());
        assertEquals("dev.castore.composition", r.lookup(ServiceKind.DIRECTORY, "cache").orElseThrow().provider().module());
    }

    @Test
    void aFileAndAUrlBindToTheSameInstanceWithItsTypeTag() throws Exception {
        Instance fromFile = CompositionConfig.parse(registry, """
                {"directoryservices": {"root": {"type": "cache", "near": "memory://", "far": "b"}}}""", ConfigFormat.JSON)
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
        CompositionConfig c = CompositionConfig.parse(registry, """
                {"directoryservices": {"root": {"type": "memory"}},
                 "blobservices": {"root": {"type": "combined", "near": "z", "far": "a"},
                                  "z": {"type": "counting"}, "a": {"type": "memory"}}}""", ConfigFormat.JSON);
        assertEquals(List.of("blob 'root' combined", "blob 'z' counting", "blob 'a' memory", "directory 'root' memory"),
                c.instances().stream().map(i -> i + " " + i.type()).toList());
    }
}
