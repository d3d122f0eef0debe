package dev.castore.observability;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.StoreRegistry;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.grpc.GrpcListenerProvider;
import dev.castore.store.grpc.GrpcProvider;
import dev.castore.store.memory.MemoryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Compositions and daemons on loopback for the tests: real stores, real gRPC. */
final class Stores {

    private static final StoreRegistry REGISTRY = load();

    private Stores() {}

    private static StoreRegistry load() {
        try {
            return StoreRegistry.of(List.of(new MemoryProvider(), new GrpcProvider(), new CombinatorProvider()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StoreRegistry registry() {
        return REGISTRY;
    }

    /** A composition whose root blob and directory services are {@code url}, instrumented by {@code telemetry}. */
    static Composition of(String url, Telemetry telemetry) throws IOException {
        CompositionConfig config = CompositionConfig.builder()
                .addUrl(REGISTRY, ServiceKind.BLOB, Composition.ROOT, url)
                .addUrl(REGISTRY, ServiceKind.DIRECTORY, Composition.ROOT, url)
                .build();
        return new Composition(REGISTRY, config, telemetry);
    }

    /** A gRPC daemon on a free loopback port serving the root services of {@code composition}. */
    static Listener serve(Composition composition, Telemetry telemetry) throws IOException {
        return new GrpcListenerProvider().listen(ServiceUrl.parse("grpc+http://127.0.0.1:0"),
                composition.build(ServiceKind.BLOB, Composition.ROOT),
                composition.build(ServiceKind.DIRECTORY, Composition.ROOT), telemetry);
    }

    static B3Digest put(BlobService blobs, String text) throws IOException {
        try (BlobWriter w = blobs.openWriter()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            w.write(bytes, 0, bytes.length);
            return w.commit();
        }
    }

    static String read(BlobService blobs, B3Digest digest) throws IOException {
        try (InputStream in = blobs.open(digest).orElseThrow().inputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String get(String url) throws IOException {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static DirectoryService directories(Composition c) throws IOException {
        return c.build(ServiceKind.DIRECTORY, Composition.ROOT);
    }

    static BlobService blobs(Composition c) throws IOException {
        return c.build(ServiceKind.BLOB, Composition.ROOT);
    }
}
