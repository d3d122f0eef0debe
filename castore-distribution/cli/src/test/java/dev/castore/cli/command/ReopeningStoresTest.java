package dev.castore.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import dev.castore.cli.StoreSelection;
import dev.castore.composition.Composition;
import dev.castore.composition.CompositionConfig;
import dev.castore.composition.Readiness;
import dev.castore.composition.StoreRegistry;
import dev.castore.store.memory.MemoryProvider;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The daemon's stores, opened again when a readiness check finds one refusing writes until then:
 * the front ends' services go on, now in the new stores; a reopen that fails leaves the daemon
 * not serving, and the next check tries again.
 */
class ReopeningStoresTest {

    private static final List<String> REFUSING = List.of("blob 'root' (rocksdb): the store refuses writes until it is"
            + " opened again: a sync of its pack files failed (Input/output error)");

    private final AtomicInteger opens = new AtomicInteger();
    private final List<Composition> opened = new ArrayList<>();
    private final List<Boolean> readiness = new ArrayList<>();
    private final Listener listener = new Listener() {
        @Override
        public String address() {
            return "test://";
        }

        @Override
        public void ready(boolean ready) {
            readiness.add(ready);
        }

        @Override
        public void awaitTermination() {}

        @Override
        public void close() {}
    };

    /** Opens memory stores, or fails the opens whose numbers {@code failing} names. */
    private ReopeningStores.Opener opener(int... failing) {
        return () -> {
            int n = opens.incrementAndGet();
            for (int f : failing) {
                if (f == n) {
                    throw new IOException("open " + n + " failed");
                }
            }
            StoreRegistry registry = StoreRegistry.of(List.of(new MemoryProvider()));
            CompositionConfig config = CompositionConfig.builder()
                    .addUrl(registry, ServiceKind.BLOB, Composition.ROOT, "memory://")
                    .addUrl(registry, ServiceKind.DIRECTORY, Composition.ROOT, "memory://").build();
            Composition composition = new Composition(registry, config, Telemetry.none());
            opened.add(composition);
            return new StoreSelection.OpenStores(composition, Composition.ROOT, Composition.ROOT, Optional.empty(),
                    Optional.empty(), "memory://", null, Telemetry.none());
        };
    }

    @Test
    void aStoreThatRefusesWritesIsOpenedAgainAndTheFrontEndsWriteIntoTheNewOne() throws Exception {
        try (ReopeningStores stores = ReopeningStores.open(opener())) {
            BlobService blobs = stores.blobs();
            B3Digest before = put(blobs, "before");
            BlobService first = opened.getFirst().build(ServiceKind.BLOB, Composition.ROOT);

            DaemonCommand.afterCheck(new Readiness.Result(REFUSING, REFUSING), stores, listener);

            assertEquals(2, opens.get(), "opened again");
            assertEquals(List.of(false), readiness, "not serving until a check passes");
            assertThrows(IOException.class, () -> opened.getFirst().build(ServiceKind.BLOB, Composition.ROOT),
                    "the old stores are closed");
            assertNotSame(first, opened.get(1).build(ServiceKind.BLOB, Composition.ROOT));
            B3Digest after = put(blobs, "after"); // the same service the front end holds
            assertArrayEquals("after".getBytes(StandardCharsets.UTF_8), read(opened.get(1).build(ServiceKind.BLOB,
                    Composition.ROOT), after));
            assertFalse(opened.get(1).build(ServiceKind.BLOB, Composition.ROOT).has(before), "a memory store starts empty");
            assertEquals(List.of(opened.get(1)), stores.compositions(), "what the next check asks");

            DaemonCommand.afterCheck(new Readiness.Result(List.of()), stores, listener);
            assertEquals(List.of(false, true), readiness);
            assertEquals(2, opens.get(), "a store that answers is not reopened");
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIsNotReopened() throws Exception {
        try (ReopeningStores stores = ReopeningStores.open(opener())) {
            DaemonCommand.afterCheck(new Readiness.Result(List.of("blob 'far' (grpc): connection refused")), stores,
                    listener);
            assertEquals(1, opens.get());
            assertEquals(List.of(false), readiness);
        }
    }

    @Test
    void aReopenThatFailsIsTriedAgainAtTheNextCheck() throws Exception {
        try (ReopeningStores stores = ReopeningStores.open(opener(2))) {
            DaemonCommand.afterCheck(new Readiness.Result(REFUSING, REFUSING), stores, listener);
            assertFalse(stores.isOpen());
            assertEquals(List.of(), stores.compositions());
            assertThrows(IOException.class, () -> put(stores.blobs(), "while closed"), "calls fail, none is lost silently");

            // The next check finds no store to ask: not ready, and the open is tried again.
            DaemonCommand.afterCheck(new Readiness.Result(List.of()), stores, listener);
            assertTrue(stores.isOpen());
            assertEquals(3, opens.get());
            assertEquals(List.of(false, false), readiness);
            put(stores.blobs(), "open again");

            DaemonCommand.afterCheck(new Readiness.Result(List.of()), stores, listener);
            assertEquals(List.of(false, false, true), readiness);
        }
    }

    /** Every method of the service interfaces goes to the stores open now, none to a default. */
    @Test
    void theFrontEndsServicesForwardEveryMethod() throws Exception {
        try (ReopeningStores stores = ReopeningStores.open(opener())) {
            assertForwardsAll(BlobService.class, stores.blobs().getClass());
            assertForwardsAll(DirectoryService.class, stores.directories().getClass());
        }
    }

    private static void assertForwardsAll(Class<?> api, Class<?> forwarder) {
        for (Method m : api.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                forwarder.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                fail(forwarder.getSimpleName() + " does not forward " + m);
            }
        }
    }

    private static B3Digest put(BlobService blobs, String text) throws IOException {
        try (BlobWriter w = blobs.openWriter()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            w.write(bytes, 0, bytes.length);
            return w.commit();
        }
    }

    private static byte[] read(BlobService blobs, B3Digest digest) throws IOException {
        try (var r = blobs.open(digest).orElseThrow()) {
            return Channels.newInputStream(r).readAllBytes();
        }
    }
}
