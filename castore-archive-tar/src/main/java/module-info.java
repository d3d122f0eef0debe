/**
 * Imports tar archives, plain or compressed with gzip, zstd, xz or bzip2, into any blob and
 * directory service: archive format {@code tar}, through Apache Commons Compress.
 *
 * @provides dev.castore.api.spi.ArchiveImporterProvider
 */
module dev.castore.archive.tar {
    requires dev.castore.api;
    requires org.apache.commons.compress;
    // Optional ("static") for Commons Compress, required here: xz and zstd archives are read.
    requires org.tukaani.xz;
    requires com.github.luben.zstd_jni;
    requires org.slf4j;

    exports dev.castore.archive.tar;

    provides dev.castore.api.spi.ArchiveImporterProvider with dev.castore.archive.tar.TarImporterProvider;
}
