package dev.castore.api.spi;

/**
 * What the user of a composition will do through the instances it builds, as a builder sees it in
 * {@link CompositionContext#access()}. A store may use {@link #READ_ONLY} to open its data in a
 * cheaper way that allows no writes; a store that has no such way ignores it.
 */
public enum Access {
    /**
     * Nothing is written through the instance: a one-shot command that lists, reads or exports.
     * A write may fail.
     */
    READ_ONLY,
    /** Reads and writes; the default. */
    READ_WRITE
}
