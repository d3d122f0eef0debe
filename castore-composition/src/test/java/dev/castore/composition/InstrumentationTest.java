package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.CallSpan;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.memory.MemoryProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The composition instruments every instance it builds once, and what it hands out is the instrumented one. */
class InstrumentationTest {

    private static final String CONFIG = """
            [blobservices.root]
            type = "combined"
            near = "local"
            far = "archive"

            [blobservices.local]
            type = "memory"

            [blobservices.archive]
            type = "readonly"
            inner = "memory://"
            """;

    @Test
    void everyInstanceDecoratorsAndUrlsIncludedIsInstrumentedOnceAndHandedOutInstrumented() throws Exception {
        StoreRegistry registry = StoreRegistry.of(List.of(new MemoryProvider(), new CombinatorProvider()));
        CompositionConfig config = CompositionConfig.parse(registry, CONFIG, ConfigFormat.TOML);
        Recording telemetry = new Recording();
        try (Composition composition = new Composition(registry, config, telemetry)) {
            BlobService root = composition.build(ServiceKind.BLOB, "root");
            assertSame(root, composition.build(ServiceKind.BLOB, "root"));

            assertEquals(List.of("blob anonymous memory", "blob archive readonly", "blob local memory", "blob root combined"),
                    telemetry.instrumented.stream().sorted().toList());
            assertEquals(Tagged.class, root.getClass());
            assertEquals("root", ((Tagged) root).name());
            assertEquals(4, composition.instances().size());
            assertFalse(composition.instances().stream().anyMatch(i -> i.service() instanceof Tagged),
                    "instances() lists what the builders returned");
        }
    }

    /** Records what it is asked to instrument and wraps blob stores in a {@link Tagged}. */
    private static final class Recording implements Telemetry {
        final List<String> instrumented = new CopyOnWriteArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public <T> T instrument(ServiceKind<T> kind, String instance, String type, T store) {
            instrumented.add(kind + " " + instance + " " + type);
            return kind.type().cast(new Tagged((BlobService) store, instance));
        }

        @Override
        public CallSpan clientCall(String method, BiConsumer<String, String> headers) {
            return CallSpan.none();
        }

        @Override
        public CallSpan serverCall(String method, Function<String, Optional<String>> headers) {
            return CallSpan.none();
        }

        @Override
        public CallSpan operation(String name) {
            return CallSpan.none();
        }

        @Override
        public Optional<String> metricsAddress() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }

    /** A blob store marked with the name of the instance it was made for. */
    private static final class Tagged extends ForwardingBlobService {
        private final String name;

        Tagged(BlobService inner, String name) {
            super(inner);
            this.name = name;
        }

        String name() {
            return name;
        }
    }
}
