package dev.castore.store.bigtable;

import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.ConfigValues;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceUrl;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The config of a {@code bigtable} directory service; the fields and defaults of tvix/snix's
 * {@code BigtableParameters}, plus {@code emulator_host}.
 *
 * @param projectId {@code project_id}, required: the Google Cloud project of the instance
 * @param instanceName {@code instance_name}, required: the Bigtable instance
 * @param tableName {@code table_name}, required: the table, which must exist
 * @param familyName {@code family_name}, required: the column family, which must exist
 * @param isReadOnly {@code is_read_only}, default false: refuse every write, and ask only for the
 *     read-only data scope when authenticating
 * @param channelSize {@code channel_size}, default 4: the number of gRPC channels in the pool
 * @param timeout {@code timeout}, default {@code "4"}: seconds (a whole or decimal number, given
 *     as a string or a number) that one operation may take, retries included
 * @param appProfileId {@code app_profile_id}, default {@code "default"}: sent with every request
 * @param emulatorHost {@code emulator_host}, default empty: {@code host:port} of a Bigtable
 *     emulator to use without credentials; when empty, the environment variable
 *     {@code BIGTABLE_EMULATOR_HOST} is used if it is set
 */
public record BigtableDirectoryServiceConfig(
        String projectId,
        String instanceName,
        String tableName,
        String familyName,
        Boolean isReadOnly,
        Integer channelSize,
        String timeout,
        String appProfileId,
        String emulatorHost) implements ServiceBuilder<DirectoryService> {

    /** Default of {@code channel_size}. */
    public static final int DEFAULT_CHANNEL_SIZE = 4;
    /** Default of {@code timeout}, in seconds. */
    public static final String DEFAULT_TIMEOUT = "4";
    /** Default of {@code app_profile_id}. */
    public static final String DEFAULT_APP_PROFILE_ID = "default";

    private static final List<String> URL_PARAMETERS = List.of("project_id", "table_name", "family_name",
            "is_read_only", "channel_size", "timeout", "app_profile_id", "emulator_host");

    public BigtableDirectoryServiceConfig {
        projectId = required("project_id", projectId, "the Google Cloud project that owns the Bigtable instance");
        instanceName = required("instance_name", instanceName, "the Bigtable instance");
        tableName = required("table_name", tableName, "the table that holds the directories");
        familyName = required("family_name", familyName, "the column family of the directory cells");
        isReadOnly = isReadOnly != null && isReadOnly;
        channelSize = channelSize == null ? DEFAULT_CHANNEL_SIZE : channelSize;
        if (channelSize < 1) {
            throw new IllegalArgumentException("channel_size must be at least 1, got " + channelSize);
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout.strip();
        parseTimeout(timeout);
        appProfileId = appProfileId == null || appProfileId.isBlank() ? DEFAULT_APP_PROFILE_ID : appProfileId;
        emulatorHost = emulatorHost == null ? "" : emulatorHost.strip();
        if (!emulatorHost.isEmpty()) {
            EmulatorAddress.parse("emulator_host", emulatorHost);
        }
    }

    /** A config with the defaults for every optional field. */
    public static BigtableDirectoryServiceConfig of(String projectId, String instanceName, String tableName, String familyName) {
        return new BigtableDirectoryServiceConfig(projectId, instanceName, tableName, familyName, null, null, null, null, null);
    }

    /** This config with {@code emulator_host} set. */
    public BigtableDirectoryServiceConfig withEmulatorHost(String hostAndPort) {
        return new BigtableDirectoryServiceConfig(projectId, instanceName, tableName, familyName, isReadOnly, channelSize,
                timeout, appProfileId, hostAndPort);
    }

    /** This config with {@code timeout} set, in seconds. */
    public BigtableDirectoryServiceConfig withTimeout(String seconds) {
        return new BigtableDirectoryServiceConfig(projectId, instanceName, tableName, familyName, isReadOnly, channelSize,
                seconds, appProfileId, emulatorHost);
    }

    /** This config with {@code is_read_only} set. */
    public BigtableDirectoryServiceConfig withReadOnly(boolean readOnly) {
        return new BigtableDirectoryServiceConfig(projectId, instanceName, tableName, familyName, readOnly, channelSize,
                timeout, appProfileId, emulatorHost);
    }

    /** {@link #timeout()} as a duration. */
    public Duration timeoutDuration() {
        return parseTimeout(timeout);
    }

    /** Connects; {@code name} is the composition's name for this store, not the Bigtable instance. */
    @Override
    public DirectoryService build(String name, CompositionContext context) throws IOException {
        return BigtableDirectoryService.connect(this);
    }

    /**
     * Reads {@code bigtable://<instance>?project_id=..&table_name=..&family_name=..[&is_read_only=..]
     * [&channel_size=N][&timeout=SECONDS][&app_profile_id=..][&emulator_host=host:port]}.
     *
     * @throws IllegalArgumentException naming what is missing or wrong, and what is accepted
     */
    public static BigtableDirectoryServiceConfig fromUrl(ServiceUrl url) {
        if (url.host().isEmpty()) {
            throw new IllegalArgumentException("instance name missing in '" + url
                    + "': expected bigtable://<instance_name>?project_id=..&table_name=..&family_name=..");
        }
        if (!url.path().isEmpty() && !url.path().equals("/")) {
            throw new IllegalArgumentException("unexpected path '" + url.path() + "' in '" + url
                    + "': a bigtable URL names the instance as its host and takes everything else as query parameters");
        }
        Map<String, String> q = new HashMap<>(url.query());
        for (String key : q.keySet()) {
            if (!URL_PARAMETERS.contains(key)) {
                throw new IllegalArgumentException("failed to parse parameters of '" + url + "': unknown parameter '"
                        + key + "' (the instance is the URL's host; accepted: " + String.join(", ", URL_PARAMETERS) + ")");
            }
        }
        try {
            return new BigtableDirectoryServiceConfig(q.get("project_id"), url.host(), q.get("table_name"),
                    q.get("family_name"), parseBoolean("is_read_only", q.get("is_read_only")),
                    parseInt("channel_size", q.get("channel_size")), q.get("timeout"), q.get("app_profile_id"),
                    q.get("emulator_host"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse parameters of '" + url + "': " + e.getMessage(), e);
        }
    }

    private static String required(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required (" + what + ")");
        }
        return value;
    }

    /** The timeout as {@link ConfigValues#duration} reads it (seconds unless a unit is given), from 1 µs to a day. */
    private static Duration parseTimeout(String value) {
        Duration d = ConfigValues.duration("timeout", value);
        if (d.compareTo(Duration.ofNanos(1000)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("timeout must be more than 0 and at most 86400 seconds, got '" + value + "'");
        }
        return d.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static Boolean parseBoolean(String field, String value) {
        return value == null ? null : ConfigValues.bool(field, value);
    }

    private static Integer parseInt(String field, String value) {
        return value == null ? null : ConfigValues.count(field, value);
    }
}
