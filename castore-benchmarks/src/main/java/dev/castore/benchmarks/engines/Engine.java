package dev.castore.benchmarks.engines;

import java.io.IOException;

/** One candidate engine as the embedded store would use it: chunks and chunk lists by digest. */
interface Engine extends AutoCloseable {

    boolean has(byte[] digest) throws IOException;

    /** Stores a chunk (visible at once, durable after {@link #sync()}). Called from many threads. */
    void putChunk(byte[] digest, byte[] data) throws IOException;

    /** Stores the chunk list of a multi-chunk blob. */
    void putIndex(byte[] digest, byte[] index) throws IOException;

    /** Makes everything stored so far durable. */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
}
