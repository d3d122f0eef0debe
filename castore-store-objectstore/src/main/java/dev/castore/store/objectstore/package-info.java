/**
 * The {@code objectstore} store type: chunked blobs and directory closures on S3, local files or
 * memory, byte-identical to the tvix/snix object-store layout. The config records here are what
 * a composition deserializes {@code type = "objectstore"} entries into.
 */
package dev.castore.store.objectstore;
