package dev.castore.api.internal.hash;

import dev.castore.api.digest.Blake3Hasher;
import dev.castore.api.spi.Blake3Provider;

/**
 * The plain-Java BLAKE3, always available: {@link PortableBlake3Hasher}, one block at a time on
 * the calling thread. Faster implementations (SIMD, several cores) come from other modules and
 * win by priority.
 */
public final class PortableBlake3Provider implements Blake3Provider {

    /** The name users select it by, with {@code -Dcastore.blake3=portable}. */
    public static final String NAME = "portable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Blake3Hasher newHasher() {
        return new PortableBlake3Hasher();
    }
}
