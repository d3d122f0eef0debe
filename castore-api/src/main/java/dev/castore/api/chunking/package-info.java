/**
 * FastCDC content-defined chunking as tvix/snix cut blobs (the Rust {@code fastcdc} crate 3.1.0,
 * v2020). Chunk boundaries decide chunk digests, so every store that chunks blobs cuts them here,
 * and chunks written by any of them, or by tvix/snix, deduplicate.
 */
package dev.castore.api.chunking;
