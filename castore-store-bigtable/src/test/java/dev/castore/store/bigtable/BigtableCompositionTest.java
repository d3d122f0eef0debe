package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.ConfigException;
import dev.castore.composition.ConfigFormat;
import dev.castore.composition.StoreRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The config as the composition reads it from files and URLs, and the store it builds. */
class BigtableCompositionTest {

    private final StoreRegistry registry = StoreRegistry.of(List.of(new BigtableProvider()));

    BigtableCompositionTest() throws Exception {}

    @Test
    void aTomlConfigInTheTvixLayoutBuildsAWorkingStore() throws Exception {
        TestEmulator emulator = TestEmulator.shared();
        String table = emulator.newTable();
        CompositionConfig config = CompositionConfig.parse(registry, """
                [directoryservices.root]
                type = "bigtable"
                project_id = "project-1"
                instance_name = "instance-1"
                table_name = "%s"
                family_name = "cf1"
                channel_size = 2
                timeout = "3"
                emulator_host = "localhost:%d"
                """.formatted(table, emulator.port()), ConfigFormat.TOML);
        try (Composition composition = new Composition(registry, config)) {
            DirectoryService service = composition.build(ServiceKind.DIRECTORY, "root");
            BigtableDirectoryServiceConfig built = ((BigtableDirectoryService) service).config();
            assertEquals(2, built.channelSize());
            assertEquals(Duration.ofSeconds(3), built.timeoutDuration());
            Directory d = Closures.leaf(11, 1);
            service.put(d);
            assertEquals(Optional.of(d), service.get(d.digest()));
        }
    }

    @Test
    void timeoutIsSecondsAsAStringOrANumber() throws Exception {
        for (String timeout : List.of("\"10\"", "10", "2.5", "\"2.5\"")) {
            BigtableDirectoryServiceConfig c = parseJson("""
                    {"type": "bigtable", "project_id": "p", "instance_name": "i", "table_name": "t",
                     "family_name": "f", "timeout": %s}""".formatted(timeout));
            assertEquals(timeout.contains(".") ? Duration.ofMillis(2500) : Duration.ofSeconds(10), c.timeoutDuration());
        }
    }

    @Test
    void defaultsMissingFieldsAndUnknownFieldsAsTheCompositionReportsThem() throws Exception {
        assertEquals(new BigtableDirectoryServiceConfig("p", "i", "t", "f", false, 4, "4", "default", ""), parseJson("""
                {"type": "bigtable", "project_id": "p", "instance_name": "i", "table_name": "t", "family_name": "f"}"""));
        ConfigException missing = assertThrows(ConfigException.class, () -> parseJson("""
                {"type": "bigtable", "project_id": "p", "instance_name": "i", "table_name": "t"}"""));
        assertTrue(missing.getMessage().contains("family_name is required"), missing.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> parseJson("""
                {"type": "bigtable", "project_id": "p", "instance_name": "i", "table_name": "t", "family_name": "f",
                 "column": "x"}"""));
        assertTrue(unknown.getMessage().contains("unknown field 'column'"), unknown.getMessage());
    }

    @Test
    void theUrlFormGoesThroughTheRegistry() throws Exception {
        assertEquals(BigtableDirectoryServiceConfig.of("project-1", "instance-1", "table-1", "cf1"), registry.parseUrl(
                ServiceKind.DIRECTORY, "bigtable://instance-1?project_id=project-1&table_name=table-1&family_name=cf1"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> registry.parseUrl(ServiceKind.DIRECTORY, "bigtable://instance-1"));
        assertTrue(e.getMessage().contains("project_id is required"), e.getMessage());
    }

    private BigtableDirectoryServiceConfig parseJson(String instance) throws ConfigException {
        CompositionConfig c = CompositionConfig.parse(registry,
                "{\"directoryservices\": {\"root\": " + instance + "}}", ConfigFormat.JSON);
        return (BigtableDirectoryServiceConfig) c.get(ServiceKind.DIRECTORY, "root").orElseThrow();
    }
}
