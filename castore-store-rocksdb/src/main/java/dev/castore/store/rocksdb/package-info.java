/**
 * The {@code rocksdb} store type, castore's embedded default: blobs and directories of one store
 * directory in one RocksDB database. The config records here are what a composition deserializes
 * {@code type = "rocksdb"} entries into.
 */
package dev.castore.store.rocksdb;
