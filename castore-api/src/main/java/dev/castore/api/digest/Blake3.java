package dev.castore.api.digest;

import dev.castore.api.internal.hash.PortableBlake3Provider;
import dev.castore.api.spi.Blake3Provider;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * BLAKE3-256, the hash that addresses every blob, chunk and directory.
 *
 * <p>Every hashing site of castore goes through this class, so the implementation in use is
 * chosen once: the available {@link Blake3Provider} with the highest priority, or the one named
 * by the system property {@code castore.blake3}.
 */
public final class Blake3 {

    /** The system property that names the implementation to use. */
    public static final String IMPLEMENTATION_PROPERTY = "castore.blake3";

    private Blake3() {}

    /** A new incremental hasher. */
    public static Blake3Hasher newHasher() {
        return Holder.PROVIDER.newHasher();
    }

    /**
     * A new incremental hasher for long streams, which hashes on all cores while the caller goes
     * on writing (and copies what it is given to do so). Short inputs cost what
     * {@link #newHasher()} costs plus one copy. Use it where one large stream is hashed at a
     * time; where many streams are hashed side by side, {@link #newHasher()} on each is cheaper.
     */
    public static Blake3Hasher newParallelHasher() {
        return HashingPool.parallel() ? new ParallelBlake3Hasher(Holder.PROVIDER) : newHasher();
    }

    /** The digest of {@code data}. */
    public static B3Digest hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The digest of {@code length} bytes of {@code data} from {@code offset}. */
    public static B3Digest hash(byte[] data, int offset, int length) {
        return Holder.PROVIDER.hash(ByteBuffer.wrap(data, offset, length));
    }

    /** The digest of the remaining bytes of {@code data}, advancing its position. */
    public static B3Digest hash(ByteBuffer data) {
        return Holder.PROVIDER.hash(data);
    }

    /**
     * Announces about {@code bytes} more bytes to hash soon ({@link Long#MAX_VALUE}: without end,
     * as a server does); see {@link Blake3Provider#expect}.
     */
    public static void expect(long bytes) {
        Holder.PROVIDER.expect(bytes);
    }

    /** How the implementation in use hashes right now, in words for users; may be empty. */
    public static String status() {
        return Holder.PROVIDER.status();
    }

    /** The implementation in use. */
    static Blake3Provider active() {
        return Holder.PROVIDER;
    }

    /** The name of the implementation in use, e.g. {@code portable}. */
    public static String implementationName() {
        return Holder.PROVIDER.name();
    }

    /** Every implementation found, available or not, highest priority first. */
    public static List<Blake3Provider> providers() {
        // The portable implementation is always there, also when the api runs on the class path.
        Stream<Blake3Provider> found = ServiceLoader.load(Blake3Provider.class, Blake3.class.getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> !(p instanceof PortableBlake3Provider));
        return Stream.concat(Stream.of(new PortableBlake3Provider()), found)
                .sorted(Comparator.comparingInt(Blake3Provider::priority).reversed())
                .toList();
    }

    /**
     * The implementation to use among {@code all} (highest priority first): the one named
     * {@code wanted} if not null or blank, else the first available one.
     *
     * @throws IllegalStateException if none is named {@code wanted}, if that one cannot run
     *     here, or if none can
     */
    static Blake3Provider select(List<Blake3Provider> all, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return all.stream()
                    .filter(Blake3Provider::isAvailable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no BLAKE3 implementation available"));
        }
        return named(all, wanted);
    }

    /**
     * The implementation named {@code name}, e.g. to compare implementations side by side.
     *
     * @throws IllegalStateException if none has that name, or if it cannot run here
     */
    public static Blake3Provider provider(String name) {
        return named(providers(), name);
    }

    private static Blake3Provider named(List<Blake3Provider> all, String name) {
        Blake3Provider named = all.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no BLAKE3 implementation named '" + name + "' (-D" + IMPLEMENTATION_PROPERTY
                                + "); found: " + all.stream().map(Blake3Provider::name).toList()));
        named.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the BLAKE3 implementation '" + name + "' (-D"
                    + IMPLEMENTATION_PROPERTY + ") cannot run here: " + reason);
        });
        return named;
    }

    private static final class Holder {
        static final Blake3Provider PROVIDER = select(providers(), System.getProperty(IMPLEMENTATION_PROPERTY));
    }
}
