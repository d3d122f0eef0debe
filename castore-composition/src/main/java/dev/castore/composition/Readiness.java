package dev.castore.composition;

import dev.castore.api.blob.BlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import dev.castore.api.directory.DirectoryService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the stores of a composition answer: every instance built so far is asked for a digest
 * (a blob store {@code has}, a directory store {@code get}), all at once, each within
 * {@code timeout}. Whether the digest is there does not matter; an error or no answer in time
 * makes the composition not ready, so a far store that is down (a gRPC daemon stopped, an S3
 * endpoint gone) shows; so does a store that refuses writes until it is opened again
 * ({@link BlobService#checkWritable}, after a failed sync). Instances are asked unwrapped, so
 * probes do not count in their metrics.
 */
public final class Readiness {

    /** The digest asked for: the BLAKE3 of a fixed text, which no store is expected to hold. */
    static final B3Digest PROBE = Blake3.newHasher().update("castore readiness probe".getBytes(StandardCharsets.UTF_8))
            .digest();

    /**
     * The outcome of one check.
     *
     * @param problems one line per instance that did not answer ({@code blob 'remote' (grpc): UNAVAILABLE ...}),
     *     empty when ready
     * @param refusingWrites the lines of {@code problems} for instances that answered but refuse
     *     every write until they are opened again ({@link BlobService#checkWritable})
     */
    public record Result(List<String> problems, List<String> refusingWrites) {
        public Result {
            problems = List.copyOf(problems);
            refusingWrites = List.copyOf(refusingWrites);
        }

        public Result(List<String> problems) {
            this(problems, List.of());
        }

        public boolean ready() {
            return problems.isEmpty();
        }
    }

    private final Supplier<List<Composition>> compositions;
    private final Duration timeout;

    public Readiness(Composition composition, Duration timeout) {
        this(List.of(composition), timeout);
    }

    /** The readiness of the instances of several compositions, asked together. */
    public Readiness(List<Composition> compositions, Duration timeout) {
        List<Composition> fixed = List.copyOf(compositions);
        this(() -> fixed, timeout);
    }

    /**
     * The readiness of the compositions {@code compositions} gives at each check (a daemon that
     * opens its stores again has new ones).
     */
    public Readiness(Supplier<List<Composition>> compositions, Duration timeout) {
        this.compositions = Objects.requireNonNull(compositions, "compositions");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Asks every instance built so far; returns within about {@code timeout}. */
    public Result check() {
        List<Composition.BuiltInstance> instances = compositions.get().stream().flatMap(c -> c.instances().stream()).toList();
        List<String> problems = new ArrayList<>();
        List<String> refusingWrites = new ArrayList<>();
        // Not closed with try-with-resources: close() would wait for a probe that hangs.
        ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<IOException>> answers = new ArrayList<>();
            for (Composition.BuiltInstance i : instances) {
                answers.add(probes.submit(() -> ask(i.service())));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int n = 0; n < instances.size(); n++) {
                Composition.BuiltInstance i = instances.get(n);
                String what = i.kind() + " '" + i.name() + "' (" + i.type() + ")";
                try {
                    IOException refused = answers.get(n).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (refused != null) {
                        String problem = what + ": " + message(refused);
                        problems.add(problem);
                        refusingWrites.add(problem);
                    }
                } catch (ExecutionException e) {
                    problems.add(what + ": " + message(e.getCause()));
                } catch (TimeoutException e) {
                    problems.add(what + ": no answer within " + timeout.toMillis() + " ms");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add(what + ": interrupted");
                }
            }
        } finally {
            probes.shutdownNow();
        }
        return new Result(problems, refusingWrites);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Asks {@code service} for the probe, which fails when the store does not answer; then whether
     * it takes writes: its refusal (see {@link BlobService#checkWritable}) is returned, null when
     * it takes them.
     */
    private static IOException ask(Object service) throws IOException {
        switch (service) {
            case BlobService blobs -> {
                blobs.has(PROBE);
                try {
                    blobs.checkWritable();
                } catch (IOException refused) {
                    return refused;
                }
            }
            case DirectoryService directories -> {
                directories.get(PROBE);
                try {
                    directories.checkWritable();
                } catch (IOException refused) {
                    return refused;
                }
            }
            default -> { }
        }
        return null;
    }
}
