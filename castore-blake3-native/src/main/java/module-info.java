/**
 * BLAKE3 by the official C implementation with its SIMD assembly (the code b3sum runs), called
 * through the JDK's foreign function API. It provides a {@link dev.castore.api.spi.Blake3Provider}
 * named {@code native} that outranks the Java ones wherever its library ({@code
 * libcastore-blake3.so}, in the image's {@code lib/}) loads; without it the api falls back to them.
 */
module dev.castore.blake3.ffm {
    requires dev.castore.api;

    provides dev.castore.api.spi.Blake3Provider with dev.castore.blake3.ffm.NativeBlake3Provider;
}
