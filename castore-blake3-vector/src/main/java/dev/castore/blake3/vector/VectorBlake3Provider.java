package dev.castore.blake3.vector;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.internal.hash.Blake3Compression;
import dev.castore.api.internal.hash.PortableBlake3Provider;
import dev.castore.api.spi.Blake3Provider;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Optional;
import jdk.incubator.vector.IntVector;

/**
 * BLAKE3 on SIMD lanes: many chunks (and parent nodes) compressed at once with the JDK's
 * incubating Vector API, and one-shot digests of large inputs spread over all cores.
 *
 * <p>{@link #newHasher()} works on the calling thread only; {@link #hash(ByteBuffer)} uses a
 * pool with one thread per core for inputs of 128 KiB and more. Available when the module
 * {@code jdk.incubator.vector} is resolved (automatic on the module path; on the class path it
 * needs {@code --add-modules jdk.incubator.vector}), the module sits in the api's layer (the api
 * exports its scalar compression to it by name), and the processor has 256-bit vectors.
 */
public final class VectorBlake3Provider implements Blake3Provider {

    /** The name users select it by, with {@code -Dcastore.blake3=vector}. */
    public static final String NAME = "vector";

    private static final Blake3Provider PORTABLE = new PortableBlake3Provider();

    private static final class LanesHolder {
        static final Lanes LANES = Lanes.fromProperties(PORTABLE, () -> Hardware.REASON);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Above the portable implementation (0). */
    @Override
    public int priority() {
        return 100;
    }

    /**
     * Why this implementation cannot hash on lanes here, checked in full: also whether the
     * processor has 256-bit vectors, which loads the Vector API (about 80 ms). For users who
     * insist on it ({@code CASTORE_BLAKE3=vector}) and for {@code castore plugins}.
     */
    @Override
    public Optional<String> unavailableReason() {
        return Hardware.REASON;
    }

    /**
     * Whether it can run at all, without touching the Vector API: where the lanes turn out to be
     * unusable when they are first wanted, it simply keeps hashing on the portable code. So a
     * command that hashes little never pays for loading the Vector API.
     */
    @Override
    public boolean isAvailable() {
        return Availability.MODULES_REASON.isEmpty();
    }

    @Override
    public void expect(long bytes) {
        if (isAvailable()) {
            lanes().expect(bytes);
        }
    }

    /** Whether new hashes use the lanes now. */
    public boolean lanesReady() {
        return isAvailable() && lanes().ready();
    }

    @Override
    public String status() {
        if (!isAvailable()) {
            return "";
        }
        return switch (lanes().state()) {
            case READY -> "on the lanes";
            case WARMING -> "on the portable code while the lanes compile";
            case SLOWER -> "on the portable code: the lanes were slower here";
            case UNUSABLE -> "on the portable code: " + unavailableReason().orElse("the lanes cannot run here");
            case COLD -> "on the portable code; on the lanes after " + (lanes().worthBytes() >> 30)
                    + " GiB of work, and in the daemon";
        };
    }

    private static Lanes lanes() {
        return LanesHolder.LANES;
    }

    @Override
    public Blake3Hasher newHasher() {
        return lanesReady() ? new VectorBlake3Hasher() : PORTABLE.newHasher();
    }

    @Override
    public B3Digest hash(ByteBuffer input) {
        if (!lanesReady()) {
            return PORTABLE.hash(input);
        }
        int[] out = new int[8];
        new SubtreeHasher().root(MemorySegment.ofBuffer(input), true, out);
        input.position(input.limit());
        return Blake3Compression.toDigest(out, 0);
    }

    @Override
    public byte[] chainingValue(ByteBuffer subtree, long firstChunk) {
        if (!lanesReady()) {
            return PORTABLE.chainingValue(subtree, firstChunk);
        }
        if (!subtree.hasRemaining() || firstChunk < 0) {
            throw new IllegalArgumentException("a subtree has at least one byte and a chunk number >= 0");
        }
        int[] words = new int[8];
        new SubtreeHasher().cv(MemorySegment.ofBuffer(subtree), 0, subtree.remaining(), firstChunk, words, 0);
        subtree.position(subtree.limit());
        byte[] out = new byte[B3Digest.LENGTH];
        Blake3Compression.encodeWords(words, out, 0);
        return out;
    }

    /** The modules this needs, probed once, cheaply. */
    private static final class Availability {
        static final Optional<String> MODULES_REASON = Optional.ofNullable(modules());

        /** Null when the modules this needs are there. */
        private static String modules() {
            Module self = VectorBlake3Provider.class.getModule();
            ModuleLayer layer = self.getLayer();
            if ((layer == null ? ModuleLayer.boot() : layer).findModule("jdk.incubator.vector").isEmpty()) {
                return "the JVM did not resolve the module jdk.incubator.vector (--add-modules jdk.incubator.vector)";
            }
            // The api exports its scalar compression to this module by name, which reaches it in
            // the api's own layer (or with both on the class path), not in a plugin layer.
            if (!Blake3Provider.class.getModule().isExported("dev.castore.api.internal.hash", self)) {
                return "the module " + self.getName() + " is not in the layer of dev.castore.api"
                        + " (a plugin layer cannot use it)";
            }
            return null;
        }
    }

    /** Everything the lanes need, the processor's vectors included: probed once, on first need. */
    private static final class Hardware {
        static final Optional<String> REASON = Availability.MODULES_REASON.or(() -> Optional.ofNullable(probe()));

        /** Null when the processor has the vectors the lanes need. */
        private static String probe() {
            try {
                // Eight int lanes in hardware (AVX2, AVX-512, SVE of 256 bits or more); on
                // narrower SIMD the Vector API would emulate them, far slower than scalar code.
                int bits = IntVector.SPECIES_PREFERRED.vectorBitSize();
                int needed = LaneCompression.SPECIES.vectorBitSize();
                return bits >= needed ? null
                        : "the processor's vectors have " + bits + " bits, " + needed + " are needed";
            } catch (LinkageError e) {
                return "the Vector API cannot be loaded: " + e;
            }
        }
    }
}
