package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops early, a cancelled call and an expired deadline release the server's
 * resources, and flow control keeps the server from running ahead of a slow reader.
 */
class CancellationTest {

    private static final long SIZE = 1L << 30;

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }

    /** A 1 GiB blob served under a made-up digest: these calls read raw bytes and verify nothing. */
    private static B3Digest storeSynthetic(SyntheticBlobService backend) {
        B3Digest d = B3Digest.of(new byte[32]);
        backend.storeUnverified(d, new SyntheticBlobService.Stream(7, SIZE));
        return d;
    }

    /** A raw BlobService/Read of {@code digest}, its messages as they arrive. */
    private static Iterator<byte[]> read(Channel channel, CallOptions options, B3Digest digest) {
        return ClientCalls.blockingServerStreamingCall(channel, RawWire.method(
                "snix.castore.v1.BlobService/Read", io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING),
                options, RawWire.bytesField(1, digest.toBytes()));
    }

    @Test
    void cancelledReadClosesTheBackendReaderAndTheServerDidNotRunAhead() throws Exception {
        SyntheticBlobService backend = new SyntheticBlobService();
        try (LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService())) {
            B3Digest d = storeSynthetic(backend);
            var channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server.port()).usePlaintext().build();
            try {
                Context.CancellableContext context = Context.current().withCancellation();
                Context previous = context.attach();
                Iterator<byte[]> it;
                try {
                    it = read(channel, CallOptions.DEFAULT, d);
                } finally {
                    context.detach(previous);
                }
                it.next();
                Thread.sleep(500); // give a server that ignores flow control time to run ahead
                long served = backend.bytesServed.get();
                assertTrue(served < (32L << 20), "the server read " + (served >> 20) + " MiB ahead of a reader "
                        + "that took one message");
                context.cancel(null);
                awaitTrue(() -> backend.openReaders.get() == 0, "the backend reader is closed after cancel");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void expiredDeadlineClosesTheBackendReader() throws Exception {
        SyntheticBlobService backend = new SyntheticBlobService();
        try (LoopbackServer server = LoopbackServer.serve(backend, new MemoryDirectoryService())) {
            B3Digest d = storeSynthetic(backend);
            var channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server.port()).usePlaintext().build();
            try {
                Iterator<byte[]> it = read(channel, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), d);
                it.next();
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> {
                    while (it.hasNext()) {
                        it.next();
                        Thread.sleep(50); // a slow reader: the whole blob cannot arrive before the deadline
                    }
                });
                assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
                awaitTrue(() -> backend.openReaders.get() == 0, "the backend reader is closed after the deadline");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void closingARecursiveGetEarlyStopsTheServersTraversal() throws Exception {
        AtomicInteger looked = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        MemoryDirectoryService memory = new MemoryDirectoryService();
        DirectoryService counting = new ForwardingDirectoryService(memory) {
            @Override
            public ClosureStream getRecursive(B3Digest root) throws IOException {
                ClosureStream inner = super.getRecursive(root);
                return new ClosureStream() {
                    @Override
                    public java.util.Optional<Directory> next() throws IOException {
                        java.util.Optional<Directory> d = inner.next();
                        d.ifPresent(x -> looked.incrementAndGet());
                        return d;
                    }

                    @Override
                    public void close() {
                        closed.incrementAndGet();
                    }
                };
            }
        };
        try (LoopbackServer server = LoopbackServer.serve(new SyntheticBlobService(), counting);
                DirectoryService client = server.directoryClient()) {
            Directory.Builder root = Directory.builder();
            B3Digest rootDigest;
            try (DirectoryPutter p = client.putter()) {
                // 4 KB per leaf: the 1 MiB HTTP/2 window holds ~250 of them.
                String padding = "x".repeat(4000);
                for (int i = 0; i < 2_000; i++) {
                    Directory leaf = Directory.builder().symlink("s", padding + i).build();
                    p.put(leaf);
                    root.directory(String.format("d%05d", i), leaf);
                }
                p.put(root.build());
                rootDigest = p.commit();
            }
            try (Stream<Directory> s = client.getRecursive(rootDigest).asStream()) {
                assertEquals(rootDigest, s.findFirst().orElseThrow().digest());
                Thread.sleep(300);
            }
            awaitTrue(() -> closed.get() == 1, "the backend's stream is closed");
            assertTrue(looked.get() < 1_000, "the server traversed " + looked.get() + " of 2,001 directories "
                    + "for a reader that took one");
        }
    }
}
