/**
 * The castore API: digests, the Directory/Node model with its canonical codec, the blob and
 * directory service interfaces, and the plugin SPI.
 *
 * @uses dev.castore.api.spi.Blake3Provider
 */
// "module": the vector BLAKE3 module, the target of the qualified export, is built after this one.
@SuppressWarnings("module")
module dev.castore.api {
    exports dev.castore.api;
    exports dev.castore.api.digest;
    exports dev.castore.api.model;
    exports dev.castore.api.blob;
    exports dev.castore.api.directory;
    exports dev.castore.api.chunking;
    exports dev.castore.api.spi;
    exports dev.castore.api.telemetry;
    // The scalar compression, for the blocks and parents the vector implementation does not
    // put on lanes.
    exports dev.castore.api.internal.hash to dev.castore.blake3.vector;

    uses dev.castore.api.spi.Blake3Provider;

    provides dev.castore.api.spi.Blake3Provider with dev.castore.api.internal.hash.PortableBlake3Provider;
}
