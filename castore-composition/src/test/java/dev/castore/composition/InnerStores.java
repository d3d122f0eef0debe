package dev.castore.composition;

import dev.castore.api.blob.BlobService;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.spi.Listener;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceUrl;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.grpc.GrpcListenerProvider;
import dev.castore.store.grpc.GrpcProvider;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import dev.castore.store.memory.MemoryProvider;
import dev.castore.store.objectstore.ObjectStoreProvider;
import dev.castore.store.rocksdb.RocksDbProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real inner stores for the decorators' behaviour tests, each a URL the composition builds: a
 * memory store, an object store on {@code file://}, an object store on s3proxy, and a gRPC daemon
 * on loopback over memory stores. Every {@link #url} is a fresh, empty store. A test class shares
 * one for all its tests as a static {@code @RegisterExtension} field: the servers start before its
 * first test and stop (and the files go) after its last.
 */
final class InnerStores implements BeforeAllCallback, AfterAllCallback {

    /** The kinds of inner store every decorator is tested over. */
    enum Kind { MEMORY, FILE, S3, GRPC }

    private static final String KEY = "castore-test-key";
    private static final String SECRET = "castore-test-secret";

    private final List<Listener> daemons = new ArrayList<>();
    private final List<AutoCloseable> served = new ArrayList<>();
    private final AtomicInteger made = new AtomicInteger();
    private StoreRegistry registry;
    private Path directory;
    private S3Proxy proxy;
    private BlobStore buckets;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        registry = StoreRegistry.of(List.of(new MemoryProvider(), new CombinatorProvider(), new ObjectStoreProvider(),
                new GrpcProvider(), new RocksDbProvider()));
        directory = Files.createTempDirectory("castore-inner");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", Files.createDirectory(directory.resolve("s3")).toString());
        buckets = BlobStores.create("filesystem", properties);
        proxy = S3Proxy.builder().blobStore(buckets).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
    }

    /** The registry that knows memory, objectstore, grpc, rocksdb and the combinators. */
    StoreRegistry registry() {
        return registry;
    }

    /** A URL of a fresh, empty store of {@code kind} (blobs and directories alike). */
    synchronized String url(Kind kind) throws Exception {
        int n = made.incrementAndGet();
        return switch (kind) {
            case MEMORY -> "memory://";
            case FILE -> "objectstore+file://" + Files.createDirectory(directory.resolve("file-" + n));
            case S3 -> {
                String bucket = "bucket-" + n;
                buckets.createContainer(bucket);
                yield "objectstore+s3://" + bucket + "/prefix?aws_access_key_id=" + KEY + "&aws_secret_access_key="
                        + SECRET + "&aws_endpoint=" + URLEncoder.encode("http://127.0.0.1:" + proxy.getPort(),
                                StandardCharsets.UTF_8) + "&aws_allow_http=true&aws_region=us-east-1";
            }
            case GRPC -> {
                MemoryBlobService blobs = new MemoryBlobService();
                MemoryDirectoryService directories = new MemoryDirectoryService();
                served.add(blobs);
                served.add(directories);
                Listener daemon = new GrpcListenerProvider().listen(ServiceUrl.parse("grpc+http://127.0.0.1:0"),
                        blobs, directories);
                daemons.add(daemon);
                yield daemon.address();
            }
        };
    }

    /** A composition of one instance, {@code root}, of {@code kind} built from {@code url}. */
    Composition compose(ServiceKind<?> kind, String url) throws Exception {
        return new Composition(registry, CompositionConfig.builder().addUrl(registry, kind, "root", url).build());
    }

    /** A composition of the blob service {@code root} given by {@code rootUrl} and the blob services it names, by URL. */
    Composition composeBlobs(String rootUrl, Map<String, String> named) throws Exception {
        return compose(ServiceKind.BLOB, rootUrl, named);
    }

    /** A composition of {@code root} of {@code kind} given by {@code rootUrl} and the instances it names, by URL. */
    Composition compose(ServiceKind<?> kind, String rootUrl, Map<String, String> named) throws Exception {
        CompositionConfig.Builder config = CompositionConfig.builder().addUrl(registry, kind, "root", rootUrl);
        for (Map.Entry<String, String> e : named.entrySet()) {
            config.addUrl(registry, kind, e.getKey(), e.getValue());
        }
        return new Composition(registry, config.build());
    }

    /** A composition read from a JSON config. */
    Composition compose(String json) throws Exception {
        return new Composition(registry, CompositionConfig.parse(registry, json, ConfigFormat.JSON));
    }

    BlobService blobs(Composition c) throws Exception {
        return c.build(ServiceKind.BLOB, Composition.ROOT);
    }

    DirectoryService directories(Composition c) throws Exception {
        return c.build(ServiceKind.DIRECTORY, Composition.ROOT);
    }

    /** A fresh directory under the temporary files, deleted with them. */
    synchronized Path newDirectory(String name) throws Exception {
        return Files.createDirectory(directory.resolve(name + "-" + made.incrementAndGet()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        daemons.forEach(Listener::close);
        daemons.clear();
        for (AutoCloseable c : served) {
            c.close();
        }
        served.clear();
        proxy.stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
