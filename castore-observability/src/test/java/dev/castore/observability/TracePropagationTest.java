package dev.castore.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.Listener;
import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.cli.ingest.FilesCache;
import dev.castore.cli.ingest.ImportChoices;
import dev.castore.cli.ingest.ImportProgress;
import dev.castore.cli.ingest.TreeImporter;
import dev.castore.composition.Composition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import as {@code castore import} runs it (a blob written, then its directory put as a closure)
 * through a {@code grpc+http://} client into a daemon: the client's and the daemon's spans form one
 * trace, each server span the child of the client span of its call.
 */
class TracePropagationTest {

    @Test
    void anImportThroughAGrpcClientIsOneTraceFromTheCommandToTheDaemonsStores() throws Exception {
        List<SpanData> spans = tracedThroughADaemon((client, clientSide) -> {
            BlobService blobs = Stores.blobs(client);
            B3Digest blob = Stores.put(blobs, "traced");
            Directory dir = Directory.builder().file("a", blob, 6, false).build();
            try (DirectoryPutter putter = Stores.directories(client).putter()) {
                putter.put(dir);
                putter.commit();
            }
        });
        SpanData root = oneTrace(spans);
        for (String method : List.of("snix.castore.v1.BlobService/Put", "snix.castore.v1.DirectoryService/Put")) {
            SpanData clientCall = only(spans, method, SpanKind.CLIENT);
            SpanData serverCall = only(spans, method, SpanKind.SERVER);
            assertEquals(clientCall.getSpanId(), serverCall.getParentSpanId(), method);
            assertFalse(serverCall.getParentSpanContext().isValid() && !serverCall.getParentSpanContext().isRemote(),
                    "the server's parent came over the wire");
        }
        SpanData clientPut = only(spans, "blob put", "castore import");
        assertEquals(root.getSpanId(), clientPut.getParentSpanId());
        assertEquals(clientPut.getSpanId(), only(spans, "snix.castore.v1.BlobService/Put", SpanKind.CLIENT).getParentSpanId());
        SpanData daemonPut = only(spans, "blob put", "castore daemon");
        assertEquals(only(spans, "snix.castore.v1.BlobService/Put", SpanKind.SERVER).getSpanId(), daemonPut.getParentSpanId());
        assertEquals("root", daemonPut.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("castore.instance")));
    }

    /**
     * The command's importer uploads files on a pool of threads: they carry the command's span, so
     * every file's put, on both sides of the wire, is in the command's one trace.
     */
    @Test
    void aTreeImportOnSeveralUploadThreadsIsOneTrace(@TempDir Path tree) throws Exception {
        Files.writeString(tree.resolve("a"), "one");
        Files.createDirectory(tree.resolve("d"));
        Files.writeString(tree.resolve("d/b"), "two");
        Files.writeString(tree.resolve("d/c"), "three");
        List<SpanData> spans = tracedThroughADaemon((client, clientSide) -> {
            try (TreeImporter importer = new TreeImporter(Stores.blobs(client), Stores.directories(client), 3,
                    ImportProgress.silent(), FilesCache.none(), ImportChoices.all(), clientSide)) {
                importer.importPath(tree);
            }
        });
        oneTrace(spans);
        assertEquals(3, spans.stream().filter(s -> s.getName().equals("snix.castore.v1.BlobService/Put")
                && s.getKind() == SpanKind.SERVER).count(), names(spans).toString());
    }

    @Test
    void withoutTelemetryTheCompositionHandsOutTheStoreItself() throws Exception {
        try (Composition c = Stores.of("memory://", Telemetry.none())) {
            assertEquals("dev.castore.store.memory.MemoryBlobService", Stores.blobs(c).getClass().getName());
        }
    }

    /** What a command does with its client composition, inside the command's span. */
    private interface Command {
        void run(Composition client, Telemetry clientSide) throws Exception;
    }

    /**
     * The spans of {@code command}, run as {@code castore import} against a daemon on memory://
     * over gRPC on loopback, both sides recording.
     */
    private static List<SpanData> tracedThroughADaemon(Command command) throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (Telemetry daemonSide = recording(exported, "castore daemon");
                Telemetry clientSide = recording(exported, "castore import");
                Composition daemon = Stores.of("memory://", daemonSide);
                Listener listener = Stores.serve(daemon, daemonSide);
                Composition client = Stores.of(listener.address(), clientSide)) {
            CallSpan span = clientSide.operation("castore import");
            try (CallSpan.Scope ignored = span.enter()) {
                command.run(client, clientSide);
            } finally {
                span.end("OK");
            }
            // Before the providers shut down: shutting down clears the in-memory exporter.
            return exported.getFinishedSpanItems();
        }
    }

    /** The command's span, once every span is found in its trace. */
    private static SpanData oneTrace(List<SpanData> spans) {
        SpanData root = only(spans, "castore import", SpanKind.INTERNAL);
        assertEquals(Set.of(root.getTraceId()), spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet()),
                "every span in the command's trace: " + names(spans));
        return root;
    }

    private static Telemetry recording(InMemorySpanExporter exporter, String service) {
        return new RecordingTelemetry(new SimpleMeterRegistry(), Tracing.to(SimpleSpanProcessor.create(exporter), service),
                Optional.empty());
    }

    private static SpanData only(List<SpanData> spans, String name, SpanKind kind) {
        List<SpanData> found = spans.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).toList();
        assertEquals(1, found.size(), name + " " + kind + " in " + names(spans));
        return found.getFirst();
    }

    private static SpanData only(List<SpanData> spans, String name, String service) {
        List<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)
                && service.equals(s.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"))))
                .toList();
        assertEquals(1, found.size(), name + " of " + service + " in " + names(spans));
        return found.getFirst();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getName() + "/" + s.getKind()).toList();
    }
}
