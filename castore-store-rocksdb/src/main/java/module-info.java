/**
 * The {@code rocksdb} blob and directory services, castore's embedded default store: chunks, chunk
 * lists and directories in column families of one RocksDB directory, verified on every read, made
 * durable by group commit.
 */
module dev.castore.store.rocksdb {
    requires transitive dev.castore.api;
    requires org.slf4j;
    // An automatic module: its name comes from the jar's file name (rocksdbjni-<version>-linux64.jar).
    requires rocksdbjni;
    // lz4-java (at.yawk.lz4): an automatic module named by its manifest's Automatic-Module-Name.
    requires org.lz4.java;

    exports dev.castore.store.rocksdb;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.store.rocksdb.RocksDbProvider;
}
