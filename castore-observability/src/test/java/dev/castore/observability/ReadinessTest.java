package dev.castore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.ConfigFormat;
import dev.castore.composition.Readiness;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A daemon whose blob store reads through to a second daemon (its far store, over gRPC) is ready
 * while that daemon answers, and not ready, NOT_SERVING on its health service, once it is stopped.
 */
class ReadinessTest {

    @Test
    void aFarStoreThatGoesDownMakesTheDaemonNotServing() throws Exception {
        try (Composition farStores = Stores.of("memory://", Telemetry.none())) {
            Listener far = Stores.serve(farStores, Telemetry.none());
            String toml = """
                    [blobservices.root]
                    type = "combined"
                    near = "near"
                    far = "far"

                    [blobservices.near]
                    type = "memory"

                    [blobservices.far]
                    type = "grpc"
                    url = "%s"

                    [directoryservices.root]
                    type = "memory"
                    """.formatted(far.address());
            CompositionConfig config = CompositionConfig.parse(Stores.registry(), toml, ConfigFormat.TOML);
            try (Composition near = new Composition(Stores.registry(), config, Telemetry.none());
                    Listener daemon = Stores.serve(near, Telemetry.none())) {
                near.build(ServiceKind.BLOB, Composition.ROOT);
                Readiness readiness = new Readiness(near, Duration.ofSeconds(5));
                Readiness.Result before = readiness.check();
                assertTrue(before.ready(), before.problems().toString());
                daemon.ready(before.ready());
                assertEquals(ServingStatus.SERVING, health(daemon));

                far.close();
                Readiness.Result after = readiness.check();
                daemon.ready(after.ready());

                // The far store, and the combined store that reads through to it.
                assertEquals(List.of("blob 'far' (grpc)", "blob 'root' (combined)"),
                        after.problems().stream().map(p -> p.substring(0, p.indexOf(": "))).sorted().toList());
                assertTrue(after.problems().getFirst().endsWith("connection refused: is `castore daemon` running at "
                        + far.address().substring("grpc+http://".length()) + "?"), after.problems().getFirst());
                assertEquals(ServingStatus.NOT_SERVING, health(daemon));
                assertEquals(List.of(), after.refusingWrites(), "a store that does not answer is not reopened for it");
            }
        }
    }

    /**
     * The daemon's stores may come from two compositions (a blob service named on the command line,
     * the embedded default for directories, opened when first asked for): both are asked.
     */
    @Test
    void theStoresOfEveryCompositionAreAsked() throws Exception {
        try (Composition farStores = Stores.of("memory://", Telemetry.none())) {
            Listener far = Stores.serve(farStores, Telemetry.none());
            CompositionConfig blobs = CompositionConfig.parse(Stores.registry(), """
                    [blobservices.root]
                    type = "memory"
                    """, ConfigFormat.TOML);
            CompositionConfig directories = CompositionConfig.parse(Stores.registry(), """
                    [directoryservices.root]
                    type = "grpc"
                    url = "%s"
                    """.formatted(far.address()), ConfigFormat.TOML);
            try (Composition first = new Composition(Stores.registry(), blobs, Telemetry.none());
                    Composition second = new Composition(Stores.registry(), directories, Telemetry.none())) {
                first.build(ServiceKind.BLOB, Composition.ROOT);
                second.build(ServiceKind.DIRECTORY, Composition.ROOT);
                Readiness readiness = new Readiness(List.of(first, second), Duration.ofSeconds(5));
                Readiness.Result before = readiness.check();
                assertTrue(before.ready(), before.problems().toString());
                far.close();
                Readiness.Result after = readiness.check();
                assertEquals(List.of("directory 'root' (grpc)"),
                        after.problems().stream().map(p -> p.substring(0, p.indexOf(": "))).toList());
            }
        }
    }

    private static ServingStatus health(Listener daemon) {
        String target = daemon.address().substring("grpc+http://".length());
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow();
        }
    }
}
