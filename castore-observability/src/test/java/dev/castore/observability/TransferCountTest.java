package dev.castore.observability;

import static dev.castore.observability.MetricsEndpointTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.store.memory.MemoryBlobService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bytes an import reads from a channel into the store ({@link BlobWriter#writeFrom}) and a cat
 * transfers out of it ({@link BlobReader#transferTo}) are counted like those of writes and reads,
 * while the memory store underneath keeps its own buffers for both.
 */
class TransferCountTest {

    @Test
    void bytesMovedByChannelAreCounted() throws Exception {
        byte[] data = new byte[300_000];
        new SplittableRandom(1).nextBytes(data);
        PrometheusMeterRegistry registry = ObservabilityProvider.prometheusRegistry();
        try (Telemetry telemetry = ObservabilityProvider.into(registry, Optional.empty(), "test");
                BlobService blobs = telemetry.instrument(ServiceKind.BLOB, "root", "memory", new MemoryBlobService())) {
            B3Digest digest;
            try (BlobWriter writer = blobs.openWriter()) {
                writer.expect(data.length);
                assertEquals(data.length, writer.writeFrom(Channels.newChannel(new ByteArrayInputStream(data)),
                        ByteBuffer.allocate(1 << 16), n -> { }));
                digest = writer.commit();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (BlobReader reader = blobs.open(digest).orElseThrow()) {
                assertEquals(data.length, reader.transferTo(Channels.newChannel(out)));
            }
            assertEquals(data.length, out.size());

            String scrape = registry.scrape();
            assertEquals((double) data.length, value(scrape, "castore_store_bytes_total",
                    Map.of("instance", "root", "direction", "written")), scrape);
            assertEquals((double) data.length, value(scrape, "castore_store_bytes_total",
                    Map.of("instance", "root", "direction", "read")), scrape);
        }
    }
}
