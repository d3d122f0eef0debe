package dev.castore.cli.ingest;

import dev.castore.api.blob.BlobService;

/**
 * How many files an import uploads at once, and how many of them may be large (over
 * {@link #LARGE_FILE} bytes). Equal unless the store asks for more calls in flight than there
 * are cores ({@link BlobService#callsInFlight()}): a store across a network waits a round trip
 * per small file, which more files at once hide, while large files keep the cores busy and more of
 * them at once only take turns on them.
 *
 * @param files files uploaded at once
 * @param largeFiles of those, files over {@link #LARGE_FILE} bytes
 */
public record ImportJobs(int files, int largeFiles) {

    /** A file (or blob) over this many bytes is large: one per core at once. */
    public static final long LARGE_FILE = 1 << 20;

    public ImportJobs {
        if (files < 1 || largeFiles < 1 || largeFiles > files) {
            throw new IllegalArgumentException("jobs must be at least 1 (files " + files + ", large files " + largeFiles + ")");
        }
    }

    /** {@code n} files at once, of any size (the {@code --jobs} given). */
    public static ImportJobs of(int n) {
        return new ImportJobs(n, n);
    }

    /** One file per core, at least two; as many small ones as {@code blobs} keeps calls in flight. */
    public static ImportJobs defaults(BlobService blobs) {
        return forCalls(blobs.callsInFlight());
    }

    /** One file per core, at least two; as many small ones as {@code callsInFlight}. */
    public static ImportJobs forCalls(int callsInFlight) {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new ImportJobs(Math.max(cores, callsInFlight), cores);
    }
}
