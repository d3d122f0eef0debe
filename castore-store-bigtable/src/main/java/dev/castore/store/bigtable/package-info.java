/**
 * The Bigtable directory store: its config ({@link dev.castore.store.bigtable.BigtableDirectoryServiceConfig},
 * also readable from a {@code bigtable://} URL) and the service it builds
 * ({@link dev.castore.store.bigtable.BigtableDirectoryService}).
 */
package dev.castore.store.bigtable;
