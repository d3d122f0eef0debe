package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.StorageException;
import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.AddressInUseException;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import dev.castore.testkit.LiveThreads;
import dev.castore.testkit.Ports;
import dev.castore.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL forms, config records, the listener provider, Unix sockets, TLS and the bearer token. */
class TransportAndConfigTest {

    /** What these configs are built with: they resolve nothing and are not instrumented. */
    private static final CompositionContext NO_CONTEXT = new CompositionContext() {
        @Override
        public <T> T resolve(ServiceKind<T> kind, String name) {
            throw new UnsupportedOperationException("a grpc store resolves no other instance");
        }

        @Override
        public <T> CompletableFuture<T> resolveAsync(ServiceKind<T> kind, String name) {
            throw new UnsupportedOperationException("a grpc store resolves no other instance");
        }
    };


    @TempDir
    Path dir;

    private static Registration<?> registration(ServiceKind<?> kind) {
        return new GrpcProvider().registrations().stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    private static ServiceBuilder<?> fromUrl(ServiceKind<?> kind, String url) {
        return registration(kind).urlParser().orElseThrow().parse(ServiceUrl.parse(url));
    }

    @Test
    void urlOptionsBecomeConfigFields() {
        ServiceBuilder<?> c = fromUrl(ServiceKind.BLOB,
                "grpc+http://127.0.0.1:8000?wait-connect=1&package=tvix.castore.v1&token-file=/etc/token");
        assertEquals(new GrpcBlobServiceConfig("grpc+http://127.0.0.1:8000?wait-connect=1", "tvix.castore.v1", "", "",
                "", "/etc/token"), c);
        assertEquals(GrpcDirectoryServiceConfig.of("grpc+unix:///run/castore.sock"),
                fromUrl(ServiceKind.DIRECTORY, "grpc+unix:///run/castore.sock"));
        assertEquals("snix.castore.v1", GrpcBlobServiceConfig.of("grpc+https://h:1").protoPackage());
    }

    @Test
    void theUrlFormAndTheFileFormReadToEqualSettings() {
        ServiceBuilder<?> fromUrl = fromUrl(ServiceKind.DIRECTORY, "grpc+https://h:1?token-file=%2Fetc%2Fto%20ken"
                + "&tls-ca-file=/ca.pem&wait-connect=true");
        GrpcDirectoryServiceConfig fromFile = new GrpcDirectoryServiceConfig("grpc+https://h:1?wait-connect=1", null,
                "/ca.pem", null, null, "/etc/to ken");
        assertEquals(fromFile, fromUrl);
        assertEquals(fromFile.url().settings(), ((GrpcDirectoryServiceConfig) fromUrl).url().settings());
        assertEquals("grpc+https://h:1?wait-connect=1", fromUrl.toString().replaceAll(".*url=([^,]*),.*", "$1"));
        assertMessage("unknown query parameter 'colour'; accepted: [package, tls-ca-file, tls-cert-file, tls-key-file,"
                + " token-file, wait-connect]", () -> fromUrl(ServiceKind.BLOB, "grpc+http://h:1?colour=red"));
    }

    @Test
    void theClientSettingsAreBuiltOnceWhenTheConfigIsMade() {
        GrpcBlobServiceConfig config = new GrpcBlobServiceConfig("grpc+http://127.0.0.1:8000", "tvix.castore.v1", null,
                null, null, "/etc/token");
        assertSame(config.url().settings(), config.url().settings());
        assertEquals(Optional.of(Path.of("/etc/token")), config.url().settings().bearerTokenFile());
    }

    @Test
    void invalidUrlsAndConfigsSayWhatIsAccepted() {
        assertMessage("no host", () -> GrpcBlobServiceConfig.of("grpc+unix://host/run/castore.sock"));
        assertMessage("take no path", () -> GrpcBlobServiceConfig.of("grpc+http://host:1/path"));
        assertMessage("grpc+http, grpc+https or grpc+unix", () -> GrpcBlobServiceConfig.of("grpc+ftp://host:1"));
        assertMessage("unknown query parameter 'color'", () -> GrpcBlobServiceConfig.of("grpc+http://h:1?color=red"));
        assertMessage("url is required", () -> new GrpcDirectoryServiceConfig((String) null, null, null, null, null, null));
        assertMessage("accepted are snix.castore.v1",
                () -> new GrpcBlobServiceConfig("grpc+http://h:1", "nix.castore.v1", null, null, null, null));
        assertMessage("only used with grpc+https",
                () -> new GrpcBlobServiceConfig("grpc+http://h:1", null, "/ca.pem", null, null, null));
        assertMessage("tls-cert-file and tls-key-file",
                () -> new GrpcListenerProvider().listen(ServiceUrl.parse("grpc+https://127.0.0.1:0"),
                        new MemoryBlobService(), new MemoryDirectoryService()));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    @Test
    void waitConnectFailsFastWhenNobodyListens() throws Exception {
        int port = Ports.nothingListening();
        String url = "grpc+http://127.0.0.1:" + port;
        StorageException e = assertThrows(StorageException.class,
                () -> GrpcBlobServiceConfig.of(url + "?wait-connect=1").build("anonymous", NO_CONTEXT));
        assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
        // Without wait-connect the client is built and fails only when used.
        try (BlobService lazy = GrpcBlobServiceConfig.of(url).build("anonymous", NO_CONTEXT)) {
            assertThrows(StorageException.class, () -> lazy.has(Fixtures.HELLOWORLD_DIGEST));
        }
    }

    @Test
    void unixSocketListenerServesBothKinds() throws Exception {
        Path socket = dir.resolve("castore.sock");
        String url = "grpc+unix://" + socket;
        try (Listener listener = new GrpcListenerProvider().listen(ServiceUrl.parse(url), new MemoryBlobService(),
                        new MemoryDirectoryService());
                BlobService blobs = GrpcBlobServiceConfig.of(url + "?wait-connect=1").build("b", NO_CONTEXT);
                DirectoryService dirs = GrpcDirectoryServiceConfig.of(url).build("d", NO_CONTEXT)) {
            assertEquals(url, listener.address());
            assertEquals(Fixtures.HELLOWORLD_DIGEST, Blobs.write(blobs, Fixtures.HELLOWORLD_BLOB));
            assertArrayEquals(Fixtures.HELLOWORLD_BLOB, Blobs.readAll(blobs, Fixtures.HELLOWORLD_DIGEST));
            assertEquals(Fixtures.DIRECTORY_WITH_KEEP.digest(), dirs.put(Fixtures.DIRECTORY_WITH_KEEP));
        }
        assertTrue(Files.notExists(socket), "the socket file is removed on close");
    }

    /** A taken address is its own exception type, whatever words the C library used for it. */
    @Test
    void aBusyAddressIsAnAddressInUseException() throws Exception {
        try (Listener first = new GrpcListenerProvider().listen(ServiceUrl.parse("grpc+http://127.0.0.1:0"),
                new MemoryBlobService(), new MemoryDirectoryService())) {
            String taken = first.address();
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> new GrpcListenerProvider()
                    .listen(ServiceUrl.parse(taken), new MemoryBlobService(), new MemoryDirectoryService()));
            assertEquals("cannot listen on " + taken + ": address already in use", e.getMessage());
        }
    }

    /**
     * A closed client leaves no event loop behind: a thread in native code (an idle loop waits in
     * epoll_wait) held every command's JVM exit up by 0.3 s. The loop's thread is a daemon, so a
     * client left open does not keep a JVM alive either.
     */
    @Test
    void aClosedClientLeavesNoEventLoopRunning() throws Exception {
        Set<Thread> before = LiveThreads.named("castore-grpc-client");
        Set<Thread> loops;
        try (LoopbackServer server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService())) {
            try (BlobService blobs = server.blobClient()) {
                assertEquals(Fixtures.HELLOWORLD_DIGEST, Blobs.write(blobs, Fixtures.HELLOWORLD_BLOB));
                loops = LiveThreads.named("castore-grpc-client");
                loops.removeAll(before);
                assertEquals(1, loops.size(), "one event loop thread per client: " + loops);
                assertTrue(loops.stream().allMatch(Thread::isDaemon), "the loop's thread is a daemon");
            }
            LiveThreads.assertEnd(loops, "the client was closed");
        }
    }

    @Test
    void aTokenFileThatIsNoTokenIsNamedInOneLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        Path directory = Files.createDirectory(dir.resolve("tokens"));
        Path missing = dir.resolve("missing");
        Map<Path, String> expected = Map.of(
                empty, "the token file " + empty + " is empty; put the token in it",
                directory, "cannot read the token file " + directory + ": Is a directory",
                missing, "cannot read the token file " + missing + ": no such file");
        for (Map.Entry<Path, String> bad : expected.entrySet()) {
            IOException server = assertThrows(IOException.class, () -> new GrpcListenerProvider().listen(
                    ServiceUrl.parse("grpc+http://127.0.0.1:0?token-file=" + bad.getKey()), new MemoryBlobService(),
                    new MemoryDirectoryService()));
            assertEquals(bad.getValue(), server.getMessage());
            IOException client = assertThrows(IOException.class, () -> new GrpcBlobServiceConfig(
                    "grpc+http://127.0.0.1:1", null, null, null, null, bad.getKey().toString()).build("b", NO_CONTEXT));
            assertEquals(bad.getValue(), client.getMessage());
        }
    }

    @Test
    void tlsListenerWithBearerTokenAndATvixClient() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "guess");
        String listen = "grpc+https://127.0.0.1:0?tls-cert-file=" + tls.certificate() + "&tls-key-file=" + tls.key()
                + "&token-file=" + token;
        try (Listener listener = new GrpcListenerProvider().listen(ServiceUrl.parse(listen), new MemoryBlobService(),
                new MemoryDirectoryService())) {
            String url = "grpc+https://localhost:" + listener.address().replaceAll(".*:", "");
            try (BlobService client = new GrpcBlobServiceConfig(url, "tvix.castore.v1", tls.certificate().toString(), null, null,
                    token.toString()).build("b", NO_CONTEXT)) {
                assertEquals(Fixtures.BLOB_A_DIGEST, Blobs.write(client, Fixtures.BLOB_A));
                assertTrue(client.has(Fixtures.BLOB_A_DIGEST));
            }
            for (Optional<Path> t : List.of(Optional.<Path>empty(), Optional.of(wrong))) {
                try (BlobService client = new GrpcBlobServiceConfig(url, null, tls.certificate().toString(), null, null,
                        t.map(Path::toString).orElse(null)).build("b", NO_CONTEXT)) {
                    StorageException e = assertThrows(StorageException.class, () -> client.has(Fixtures.BLOB_A_DIGEST));
                    assertTrue(e.getMessage().contains("UNAUTHENTICATED"), e.getMessage());
                }
            }
            try (BlobService untrusting = GrpcBlobServiceConfig.of(url).build("b", NO_CONTEXT)) {
                StorageException e = assertThrows(StorageException.class, () -> untrusting.has(Fixtures.BLOB_A_DIGEST));
                assertTrue(e.getMessage().contains("failed: UNAVAILABLE: TLS handshake failed: unable to find valid"
                        + " certification path to requested target (the server's certificate must be valid"), e.getMessage());
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
        }
    }
}
