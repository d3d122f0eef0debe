/**
 * BLAKE3 on SIMD lanes and several cores. It provides a {@link dev.castore.api.spi.Blake3Provider}
 * named {@code vector} that outranks the api's portable one whenever the JDK's incubating Vector
 * API is usable; without it the api falls back to the portable implementation.
 */
module dev.castore.blake3.vector {
    requires dev.castore.api;
    requires jdk.incubator.vector;

    provides dev.castore.api.spi.Blake3Provider with dev.castore.blake3.vector.VectorBlake3Provider;
}
