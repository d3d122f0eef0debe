package dev.castore.composition;

import dev.castore.api.CorruptDataException;
import dev.castore.api.InvalidRequestException;
import dev.castore.api.blob.BlobReader;
import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.BlobWriter;
import dev.castore.api.blob.ByteBufferBlobReader;
import dev.castore.api.blob.Durability;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.directory.BreadthFirstTraversal;
import dev.castore.api.directory.ClosurePutter;
import dev.castore.api.directory.ClosureStream;
import dev.castore.api.directory.DirectoryPutter;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.directory.ForwardingDirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores and store types that exist only for the composition tests. */
public final class TestStores {

    private TestStores() {}

    /** How often each "counting" instance was built, and the order instances were closed. */
    public static final Map<String, AtomicInteger> BUILDS = new ConcurrentHashMap<>();
    public static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    /** A blob service that counts its builds, takes a while to build and may refer to another. */
    public record CountingConfig(Integer delayMillis, String next, Boolean fail) implements ServiceBuilder<BlobService> {
        @Override
        public BlobService build(String instanceName, CompositionContext context) throws IOException {
            BUILDS.computeIfAbsent(instanceName, k -> new AtomicInteger()).incrementAndGet();
            if (next != null) {
                context.resolve(ServiceKind.BLOB, next);
            }
            try {
                Thread.sleep(delayMillis == null ? 0 : delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (Boolean.TRUE.equals(fail)) {
                throw new IOException("backend of " + instanceName + " unreachable");
            }
            return new TamperableBlobService(instanceName);
        }
    }

    /** The access each "access" instance was built for, by its label. */
    public static final Map<String, Access> ACCESS = new ConcurrentHashMap<>();

    /** A directory service that records the access it was built for under {@code label}. */
    public record AccessConfig(String label) implements ServiceBuilder<DirectoryService> {
        @Override
        public DirectoryService build(String instanceName, CompositionContext context) {
            ACCESS.put(label, context.access());
            return new TamperableDirectoryService();
        }
    }

    /** A blob service that records the access it was built for under {@code label}. */
    public record AccessBlobConfig(String label) implements ServiceBuilder<BlobService> {
        @Override
        public BlobService build(String instanceName, CompositionContext context) {
            ACCESS.put(label, context.access());
            return new MemoryBlobService();
        }
    }

    /** Registers {@code counting} for blobs. */
    public static final class TestProvider implements ServiceBuilderProvider {
        @Override
        public List<Registration<?>> registrations() {
            return List.of(Registration.of(ServiceKind.BLOB, "counting", CountingConfig.class));
        }
    }

    /**
     * The store types of the composition tests: memory, the combinators and {@code counting}, and
     * {@code more} of a test's own.
     */
    public static StoreRegistry registry(ServiceBuilderProvider... more) throws CompositionException {
        List<ServiceBuilderProvider> providers = new ArrayList<>(
                List.of(new MemoryProvider(), new CombinatorProvider(), new TestProvider()));
        providers.addAll(List.of(more));
        return StoreRegistry.of(providers);
    }

    /** The composition that the JSON config {@code json} describes over {@code registry}. */
    public static Composition compose(StoreRegistry registry, String json) throws ConfigException {
        return new Composition(registry, CompositionConfig.parse(registry, json, ConfigFormat.JSON));
    }

    /** Registers {@code access} for directories and blobs. */
    public static final class AccessProvider implements ServiceBuilderProvider {
        @Override
        public List<Registration<?>> registrations() {
            return List.of(Registration.of(ServiceKind.DIRECTORY, "access", AccessConfig.class),
                    Registration.of(ServiceKind.BLOB, "access", AccessBlobConfig.class));
        }
    }

    /**
     * A view that reads through {@code reads} and writes to {@code writes}: how a contract suite
     * runs on a service that refuses writes, or writes somewhere else than it reads first.
     */
    public static BlobService readingThrough(BlobService reads, BlobService writes) {
        return new ForwardingBlobService(reads) {
            @Override
            public BlobWriter openWriter() throws IOException {
                return writes.openWriter();
            }

            @Override
            public BlobWriter openWriter(Durability durability) throws IOException {
                return writes.openWriter(durability);
            }

            @Override
            public void sync() throws IOException {
                writes.sync();
            }
        };
    }

    /** The same view for directories: reads through {@code reads}, puts to {@code writes}. */
    public static DirectoryService readingThrough(DirectoryService reads, DirectoryService writes) {
        return new ForwardingDirectoryService(reads) {
            @Override
            public B3Digest put(Directory directory) throws IOException {
                return writes.put(directory);
            }

            @Override
            public DirectoryPutter putter() throws IOException {
                return writes.putter();
            }
        };
    }

    /**
     * Blobs in a map as 256 KiB segments (well below a G1 region, so large blobs are not humongous
     * objects), verified in full when opened unless made {@link #unchecked}; {@link #tamper} and
     * {@link #flip} damage one.
     */
    public static final class TamperableBlobService implements BlobService {
        private static final int SEGMENT = 256 * 1024;
        private final String name;
        private final boolean verifies;
        private final Map<B3Digest, List<byte[]>> blobs = new ConcurrentHashMap<>();

        public TamperableBlobService(String name) {
            this(name, true);
        }

        private TamperableBlobService(String name, boolean verifies) {
            this.name = name;
            this.verifies = verifies;
        }

        /** A store that serves whatever it holds without checking it. */
        public static TamperableBlobService unchecked(String name) {
            return new TamperableBlobService(name, false);
        }

        public void tamper(B3Digest digest) {
            flip(digest, 0);
        }

        /** Flips the lowest bit of the byte at {@code offset} of a stored blob. */
        public void flip(B3Digest digest, long offset) {
            for (byte[] segment : blobs.get(digest)) {
                if (offset < segment.length) {
                    segment[(int) offset] ^= 1;
                    return;
                }
                offset -= segment.length;
            }
            throw new IllegalArgumentException("offset past the end");
        }

        @Override
        public boolean has(B3Digest digest) {
            return blobs.containsKey(digest);
        }

        @Override
        public Optional<BlobReader> open(B3Digest digest) throws IOException {
            List<byte[]> segments = blobs.get(digest);
            if (segments == null) {
                return Optional.empty();
            }
            if (verifies) {
                Blake3Hasher h = Blake3.newHasher();
                segments.forEach(h::update);
                if (!h.digest().equals(digest)) {
                    throw new CorruptDataException("blob " + digest.toHex() + " is damaged");
                }
            }
            return Optional.of(new ByteBufferBlobReader(segments.stream().map(ByteBuffer::wrap).toList()));
        }

        @Override
        public BlobWriter openWriter() {
            List<byte[]> segments = new ArrayList<>();
            Blake3Hasher hasher = Blake3.newHasher();
            return new BlobWriter() {
                private B3Digest digest;
                private boolean open = true;

                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (!open) {
                        throw new java.nio.channels.ClosedChannelException();
                    }
                    if (digest != null) {
                        throw new InvalidRequestException("blob writer already committed");
                    }
                    int n = src.remaining();
                    while (src.hasRemaining()) {
                        byte[] b = new byte[Math.min(SEGMENT, src.remaining())];
                        src.get(b);
                        hasher.update(b);
                        segments.add(b);
                    }
                    return n;
                }

                @Override
                public B3Digest commit() throws IOException {
                    if (!open) {
                        throw new java.nio.channels.ClosedChannelException();
                    }
                    if (digest == null) {
                        digest = hasher.digest();
                        blobs.putIfAbsent(digest, List.copyOf(segments));
                    }
                    return digest;
                }

                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public void close() {
                    open = false;
                }
            };
        }

        @Override
        public void close() {
            CLOSED.add(name);
        }
    }

    /** Directories in a map, verified when read; {@link #tamper} swaps one. */
    public static final class TamperableDirectoryService implements DirectoryService {
        private final Map<B3Digest, Directory> directories = new ConcurrentHashMap<>();

        public void tamper(B3Digest digest) {
            directories.put(digest, Directory.builder().symlink("x", "y").build());
        }

        @Override
        public Optional<Directory> get(B3Digest digest) throws IOException {
            Directory d = directories.get(digest);
            if (d != null && !d.digest().equals(digest)) {
                throw new CorruptDataException("directory " + digest.toHex() + " is damaged");
            }
            return Optional.ofNullable(d);
        }

        @Override
        public B3Digest put(Directory directory) {
            directories.putIfAbsent(directory.digest(), directory);
            return directory.digest();
        }

        @Override
        public ClosureStream getRecursive(B3Digest root) throws IOException {
            return BreadthFirstTraversal.of(root, this::get);
        }

        @Override
        public DirectoryPutter putter() {
            return ClosurePutter.puttingEach(this);
        }

        public int size() {
            return directories.size();
        }
    }
}
