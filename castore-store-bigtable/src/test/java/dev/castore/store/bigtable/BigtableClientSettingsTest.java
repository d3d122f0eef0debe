package dev.castore.store.bigtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.GoogleCredentialsProvider;
import com.google.api.gax.grpc.ChannelPoolSettings;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigtable.data.v2.BigtableDataSettings;
import com.google.cloud.bigtable.data.v2.stub.EnhancedBigtableStubSettings;
import dev.castore.api.StorageException;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.model.Directory;
import dev.castore.testkit.FaultProxy;
import dev.castore.testkit.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** timeout and channel_size reach the client: in its settings, and in what it does on the wire. */
class BigtableClientSettingsTest {

    private static final BigtableDirectoryServiceConfig CONFIG = new BigtableDirectoryServiceConfig(
            "project-1", "instance-1", "table-1", "cf1", false, 7, "3", "batch", "localhost:8086");

    @Test
    void timeoutBoundsEveryCallThisStoreMakes() {
        EnhancedBigtableStubSettings stub = BigtableClientSettings.of(CONFIG, Map.of()).getStubSettings();
        List<RetrySettings> all = List.of(stub.readRowSettings().getRetrySettings(),
                stub.readRowsSettings().getRetrySettings(), stub.mutateRowSettings().getRetrySettings(),
                stub.checkAndMutateRowSettings().getRetrySettings());
        for (RetrySettings r : all) {
            assertEquals(Duration.ofSeconds(3), r.getTotalTimeoutDuration());
            assertEquals(Duration.ofMillis(1500), r.getInitialRpcTimeoutDuration());
            assertEquals(Duration.ofMillis(1500), r.getMaxRpcTimeoutDuration());
            assertEquals(Duration.ofMillis(500), r.getMaxRetryDelayDuration());
        }
        assertEquals(Duration.ofSeconds(3), stub.readRowsSettings().getIdleTimeoutDuration());
        assertTrue(stub.checkAndMutateRowSettings().getRetryableCodes()
                .containsAll(List.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED)));
    }

    @Test
    void channelSizeIsTheSizeOfTheStaticChannelPool() {
        EnhancedBigtableStubSettings stub = BigtableClientSettings.of(CONFIG, Map.of()).getStubSettings();
        ChannelPoolSettings pool =
                ((InstantiatingGrpcChannelProvider) stub.getTransportChannelProvider()).getChannelPoolSettings();
        assertEquals(7, pool.getInitialChannelCount());
        assertEquals(7, pool.getMinChannelCount());
        assertEquals(7, pool.getMaxChannelCount());
    }

    @Test
    void channelSizeKeepsTheClientsOtherPoolSettings() {
        ChannelPoolSettings defaults = ((InstantiatingGrpcChannelProvider) BigtableDataSettings.newBuilder()
                .stubSettings().getTransportChannelProvider()).getChannelPoolSettings();
        ChannelPoolSettings ours = ((InstantiatingGrpcChannelProvider) BigtableClientSettings
                .of(BigtableDirectoryServiceConfig.of("p", "i", "t", "f"), Map.of()).getStubSettings()
                .getTransportChannelProvider()).getChannelPoolSettings();
        assertEquals(4, ours.getInitialChannelCount());
        assertEquals(4, ours.getMaxChannelCount());
        assertEquals(defaults.isPreemptiveRefreshEnabled(), ours.isPreemptiveRefreshEnabled());
    }

    @Test
    void projectInstanceAndAppProfileAreSentWithRequests() {
        BigtableDataSettings settings = BigtableClientSettings.of(CONFIG, Map.of());
        assertEquals("project-1", settings.getProjectId());
        assertEquals("instance-1", settings.getInstanceId());
        assertEquals("batch", settings.getAppProfileId());
        assertEquals("localhost:8086", settings.getStubSettings().getEndpoint());
    }

    @Test
    void theEmulatorOfTheEnvironmentIsUsedWhenTheConfigNamesNone() {
        BigtableDirectoryServiceConfig noEmulator = BigtableDirectoryServiceConfig.of("p", "i", "t", "f");
        BigtableDataSettings settings =
                BigtableClientSettings.of(noEmulator, Map.of("BIGTABLE_EMULATOR_HOST", "127.0.0.1:9035"));
        assertEquals("127.0.0.1:9035", settings.getStubSettings().getEndpoint());
    }

    @Test
    void readOnlyAsksForTheReadOnlyScopeOnly() {
        BigtableDirectoryServiceConfig readOnly = BigtableDirectoryServiceConfig.of("p", "i", "t", "f").withReadOnly(true);
        var credentials = BigtableClientSettings.of(readOnly, Map.of()).getStubSettings().getCredentialsProvider();
        assertEquals(List.of(BigtableClientSettings.READ_ONLY_SCOPE),
                ((GoogleCredentialsProvider) credentials).getScopesToApply());
    }

    @Test
    void theClientOpensChannelSizeConnections() throws Exception {
        TestEmulator emulator = TestEmulator.shared();
        String table = emulator.newTable();
        try (FaultProxy proxy = new FaultProxy(emulator.port());
                BigtableDirectoryService service = BigtableDirectoryService.connect(new BigtableDirectoryServiceConfig(
                        TestEmulator.PROJECT, TestEmulator.INSTANCE, table, TestEmulator.FAMILY, false, 3, null, null,
                        "127.0.0.1:" + proxy.port()))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> gets = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    B3Digest d = Blake3.hash(new byte[] {(byte) i});
                    gets.add(pool.submit(() -> service.get(d)));
                }
                for (Future<?> f : gets) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(3, proxy.connections());
        }
    }

    @Test
    void aRefusingServerFailsAGetAndAPutWithinTheTimeout() throws Exception {
        int port = Ports.nothingListening();
        assertFailsWithin(config("127.0.0.1:" + port), Duration.ofSeconds(1));
    }

    @Test
    void aServerThatNeverAnswersFailsAGetAndAPutWithinTheTimeout() throws Exception {
        // Accepts connections (the backlog does) but never speaks: every attempt hangs until its deadline.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertFailsWithin(config("127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(1));
        }
    }

    private static BigtableDirectoryServiceConfig config(String emulator) {
        return BigtableDirectoryServiceConfig.of("project-1", "instance-1", "table-1", "cf1")
                .withEmulatorHost(emulator).withTimeout("1");
    }

    private static void assertFailsWithin(BigtableDirectoryServiceConfig config, Duration timeout) throws IOException {
        try (BigtableDirectoryService service = BigtableDirectoryService.connect(config)) {
            B3Digest digest = Blake3.hash(new byte[0]);
            assertTimely(timeout, () -> service.get(digest), "get of directory " + digest.toHex());
            Directory d = Directory.builder().symlink("a", "b").build();
            assertTimely(timeout, () -> service.put(d), "put of directory " + d.digest().toHex());
        }
    }

    private static void assertTimely(Duration timeout, org.junit.jupiter.api.function.Executable call, String what) {
        long start = System.nanoTime();
        StorageException e = assertThrows(StorageException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(timeout.plusMillis(750)) < 0, what + " took " + took + " with a timeout of " + timeout);
        assertTrue(e.getMessage().startsWith(what + " in table 'table-1' of bigtable instance 'instance-1' failed "
                + "(timeout 1000 ms, retries included): "), e.getMessage());
    }
}
