/**
 * What an object store client implements for the {@code objectstore} stores: {@link
 * dev.castore.store.objectstore.spi.ObjectStore}, and for S3 an {@link
 * dev.castore.store.objectstore.spi.S3Backend} (a service the module {@code
 * dev.castore.store.objectstore.s3} provides) opened with the {@link
 * dev.castore.store.objectstore.spi.S3Options} read from a store's URL and options.
 */
package dev.castore.store.objectstore.spi;
