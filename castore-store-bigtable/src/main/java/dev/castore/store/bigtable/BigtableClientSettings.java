package dev.castore.store.bigtable;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.GoogleCredentialsProvider;
import com.google.api.gax.grpc.ChannelPoolSettings;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.bigtable.data.v2.BigtableDataSettings;
import com.google.cloud.bigtable.data.v2.stub.EnhancedBigtableStubSettings;
import com.google.cloud.bigtable.data.v2.stub.metrics.NoopMetricsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link BigtableDirectoryServiceConfig} into the client's settings. This is where
 * {@code timeout} and {@code channel_size} take effect: the client's defaults retry for tens of
 * seconds (mutations) to minutes (reads) against a dead server.
 */
final class BigtableClientSettings {

    /** The OAuth scope that allows reads only; asked for when {@code is_read_only} is set. */
    static final String READ_ONLY_SCOPE = "https://www.googleapis.com/auth/bigtable.data.readonly";

    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(500);

    private BigtableClientSettings() {}

    /** The settings for {@code config}; {@code environment} supplies {@code BIGTABLE_EMULATOR_HOST}. */
    static BigtableDataSettings of(BigtableDirectoryServiceConfig config, Map<String, String> environment) {
        return of(config, environment, Optional.empty());
    }

    /** The same, with the channels on {@code loop} when it is given. */
    static BigtableDataSettings of(BigtableDirectoryServiceConfig config, Map<String, String> environment,
            Optional<ClientEventLoop> loop) {
        Optional<EmulatorAddress> emulator = EmulatorAddress.of(config, environment);
        BigtableDataSettings.Builder builder = emulator
                .map(e -> BigtableDataSettings.newBuilderForEmulator(e.host(), e.port()))
                .orElseGet(BigtableDataSettings::newBuilder);
        builder.setProjectId(config.projectId())
                .setInstanceId(config.instanceName())
                .setAppProfileId(config.appProfileId());
        EnhancedBigtableStubSettings.Builder stub = builder.stubSettings();
        applyTimeout(stub, config.timeoutDuration());
        stub.setTransportChannelProvider(pooled(stub.getTransportChannelProvider(), config.channelSize(), loop));
        if (emulator.isPresent()) {
            // An emulator has no Cloud Monitoring to export the client's built-in metrics to.
            stub.setMetricsProvider(NoopMetricsProvider.INSTANCE);
        } else if (config.isReadOnly()) {
            stub.setCredentialsProvider(readOnly(stub.getCredentialsProvider()));
        }
        return builder.build();
    }

    /**
     * Every call this store makes gets the same budget: {@code timeout} in all, each attempt at
     * most half of it (so that one hung attempt leaves room for a retry), short backoff between.
     */
    static RetrySettings retrySettings(Duration timeout) {
        Duration attempt = timeout.dividedBy(2);
        Duration firstDelay = timeout.dividedBy(40).compareTo(Duration.ofMillis(100)) < 0
                ? timeout.dividedBy(40)
                : Duration.ofMillis(100);
        return RetrySettings.newBuilder()
                .setTotalTimeoutDuration(timeout)
                .setInitialRpcTimeoutDuration(attempt)
                .setMaxRpcTimeoutDuration(attempt)
                .setRpcTimeoutMultiplier(1.0)
                .setInitialRetryDelayDuration(firstDelay)
                .setMaxRetryDelayDuration(MAX_RETRY_DELAY)
                .setRetryDelayMultiplier(2.0)
                .setMaxAttempts(0)
                .build();
    }

    private static void applyTimeout(EnhancedBigtableStubSettings.Builder stub, Duration timeout) {
        RetrySettings retry = retrySettings(timeout);
        stub.readRowSettings().setRetrySettings(retry);
        stub.readRowsSettings().setRetrySettings(retry).setIdleTimeoutDuration(timeout);
        stub.mutateRowSettings().setRetrySettings(retry);
        // A conditional put that only writes when the cell is absent is idempotent, so it may be
        // retried like a read (the client does not retry it by default).
        stub.checkAndMutateRowSettings()
                .setRetrySettings(retry)
                .setRetryableCodes(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED);
    }

    private static TransportChannelProvider pooled(TransportChannelProvider provider, int channels,
            Optional<ClientEventLoop> loop) {
        if (provider instanceof InstantiatingGrpcChannelProvider grpc) {
            // Keep the client's other pool settings (its preemptive refresh of long-lived channels).
            ChannelPoolSettings current = grpc.getChannelPoolSettings();
            ChannelPoolSettings fixed = current == null
                    ? ChannelPoolSettings.staticallySized(channels)
                    : current.toBuilder()
                            .setInitialChannelCount(channels)
                            .setMinChannelCount(channels)
                            .setMaxChannelCount(channels)
                            .build();
            InstantiatingGrpcChannelProvider.Builder builder = grpc.toBuilder().setChannelPoolSettings(fixed);
            // The client's own configurator (the emulator's plaintext, for one) still applies.
            loop.ifPresent(l -> builder.setChannelConfigurator(l.configurator(builder.getChannelConfigurator())));
            return builder.build();
        }
        throw new IllegalStateException("cannot set channel_size: the Bigtable client uses a "
                + provider.getClass().getName() + " instead of a gRPC channel provider");
    }

    private static CredentialsProvider readOnly(CredentialsProvider provider) {
        if (provider instanceof GoogleCredentialsProvider google) {
            return google.toBuilder().setScopesToApply(List.of(READ_ONLY_SCOPE)).build();
        }
        return provider;
    }
}
