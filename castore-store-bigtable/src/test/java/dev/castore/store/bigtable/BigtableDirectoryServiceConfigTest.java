package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BigtableDirectoryServiceConfigTest {

    private static BigtableDirectoryServiceConfig parse(String url) {
        return BigtableDirectoryServiceConfig.fromUrl(ServiceUrl.parse(url));
    }

    private static void assertRejected(String url, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(url));
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void theSpecsUrlGivesTheSpecsConfigWithDefaults() {
        BigtableDirectoryServiceConfig c = parse("bigtable://instance-1?project_id=project-1&table_name=table-1&family_name=cf1");
        assertEquals(new BigtableDirectoryServiceConfig("project-1", "instance-1", "table-1", "cf1", false, 4, "4", "default", ""), c);
        assertEquals(Duration.ofSeconds(4), c.timeoutDuration());
    }

    @Test
    void theSpecsUrlWithChannelSizeAndTimeoutSetsThem() {
        BigtableDirectoryServiceConfig c = parse(
                "bigtable://instance-1?project_id=project-1&table_name=table-1&family_name=cf1&channel_size=10&timeout=10");
        assertEquals(10, c.channelSize());
        assertEquals(Duration.ofSeconds(10), c.timeoutDuration());
    }

    @Test
    void everyOptionalParameterIsReadFromTheUrl() {
        BigtableDirectoryServiceConfig c = parse("bigtable://i?project_id=p&table_name=t&family_name=f&is_read_only=true"
                + "&timeout=2.5&app_profile_id=batch&emulator_host=localhost:8086");
        assertEquals(new BigtableDirectoryServiceConfig("p", "i", "t", "f", true, 4, "2.5", "batch", "localhost:8086"), c);
        assertEquals(Duration.ofMillis(2500), c.timeoutDuration());
    }

    @Test
    void aUrlWithoutParametersFailsNamingTheFirstMissingField() {
        assertRejected("bigtable://instance-1", "failed to parse parameters", "bigtable://instance-1",
                "project_id is required");
        assertRejected("bigtable://instance-1?project_id=p&family_name=f", "table_name is required");
        assertRejected("bigtable://instance-1?project_id=p&table_name=t", "family_name is required");
    }

    @Test
    void aUrlWithoutHostFailsWithInstanceNameMissing() {
        assertRejected("bigtable://?project_id=p&table_name=t&family_name=f", "instance name missing");
    }

    @Test
    void unknownParametersAndAPathAreRejected() {
        assertRejected("bigtable://i?project_id=p&table_name=t&family_name=f&colour=red",
                "unknown parameter 'colour'", "accepted: project_id, table_name");
        assertRejected("bigtable://i?project_id=p&table_name=t&family_name=f&instance_name=j",
                "unknown parameter 'instance_name'", "the instance is the URL's host");
        assertRejected("bigtable://i/some/path?project_id=p&table_name=t&family_name=f", "unexpected path '/some/path'");
    }

    @Test
    void valuesAreSpelledAsInEveryOtherStore() {
        BigtableDirectoryServiceConfig c = parse("bigtable://i?project_id=p&table_name=t&family_name=f&is_read_only=yes"
                + "&timeout=1500ms");
        assertTrue(c.isReadOnly());
        assertEquals(Duration.ofMillis(1500), c.timeoutDuration());
    }

    @Test
    void malformedValuesAreRejectedWithWhatIsAccepted() {
        String base = "bigtable://i?project_id=p&table_name=t&family_name=f";
        assertRejected(base + "&channel_size=many", "channel_size 'many' is not a whole number");
        assertRejected(base + "&channel_size=0", "channel_size must be at least 1");
        assertRejected(base + "&timeout=soon", "timeout 'soon' is not a duration", "a bare number such as 2.5 is seconds");
        assertRejected(base + "&timeout=0", "timeout must be more than 0");
        assertRejected(base + "&timeout=2d", "timeout '2d' is not a duration");
        assertRejected(base + "&is_read_only=maybe", "is_read_only 'maybe' is not a boolean");
        assertRejected(base + "&emulator_host=unix:///tmp/bt.sock", "emulator_host must be host:port",
                "cannot reach an emulator on a unix socket");
    }

    @Test
    void theRecordConstructorFillsDefaultsAndRequiresTheFourNames() {
        BigtableDirectoryServiceConfig c = new BigtableDirectoryServiceConfig("p", "i", "t", "f", null, null, null, null, null);
        assertEquals(false, c.isReadOnly());
        assertEquals(4, c.channelSize());
        assertEquals("4", c.timeout());
        assertEquals("default", c.appProfileId());
        assertEquals("", c.emulatorHost());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BigtableDirectoryServiceConfig("p", null, "t", "f", null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("instance_name is required"), e.getMessage());
    }

    @Test
    void theEmulatorComesFromTheConfigFirstThenFromTheEnvironment() {
        BigtableDirectoryServiceConfig plain = BigtableDirectoryServiceConfig.of("p", "i", "t", "f");
        Map<String, String> env = Map.of("BIGTABLE_EMULATOR_HOST", "127.0.0.1:9000");
        assertEquals(Optional.empty(), EmulatorAddress.of(plain, Map.of()));
        assertEquals(Optional.of(new EmulatorAddress("127.0.0.1", 9000)), EmulatorAddress.of(plain, env));
        assertEquals(Optional.of(new EmulatorAddress("localhost", 8086)),
                EmulatorAddress.of(plain.withEmulatorHost("localhost:8086"), env));
        assertEquals(new EmulatorAddress("::1", 8086), EmulatorAddress.parse("x", "[::1]:8086"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmulatorAddress.of(plain, Map.of("BIGTABLE_EMULATOR_HOST", "localhost")));
        assertTrue(e.getMessage().startsWith("BIGTABLE_EMULATOR_HOST must be host:port"), e.getMessage());
    }

    @Test
    void theProviderRegistersADirectoryTypeWithAUrlForm() {
        var registrations = new BigtableProvider().registrations();
        assertEquals(1, registrations.size());
        var r = registrations.getFirst();
        assertEquals(ServiceKind.DIRECTORY, r.kind());
        assertEquals("bigtable", r.type());
        assertEquals(BigtableDirectoryServiceConfig.class, r.configType());
        assertEquals(parse("bigtable://i?project_id=p&table_name=t&family_name=f"),
                r.urlParser().orElseThrow().parse(ServiceUrl.parse("bigtable://i?project_id=p&table_name=t&family_name=f")));
    }
}
