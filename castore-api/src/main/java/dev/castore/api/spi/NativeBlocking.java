package dev.castore.api.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a native call that may wait long on the disk (a {@code syncfs}, a database's flush)
 * without holding a carrier of the virtual threads.
 *
 * <p>A virtual thread in native code, through JNI or the FFM API, cannot leave its carrier, and
 * the JDK adds no carrier for it as it does for its own blocking file I/O. The carriers are as many
 * as the cores, so on a two-core daemon two such calls waiting on a busy disk stop every other
 * call of the daemon, reads of cached data included, while the CPU idles. Called from a virtual
 * thread, {@link #call} runs the call on a platform thread and parks the virtual thread until it
 * returns, which frees the carrier; from a platform thread it calls directly. The hand-over costs
 * some microseconds, and the woken caller may queue for a carrier behind other work: on a daemon
 * whose cores were busy, handing over RocksDB's synced write of each commit (one {@code fsync} of
 * its log) added 5 ms to the median put. So it is for calls that may wait long, not for every
 * write.
 *
 * <p>The call runs to its end even when the waiting thread is interrupted (a native call cannot
 * be stopped half-way); the interrupt is kept for the caller to see.
 */
public final class NativeBlocking {

    /** A call that may throw {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    /** A call without a result. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private static final ExecutorService CALLERS = Executors.newCachedThreadPool(platformDaemons());

    private NativeBlocking() {}

    private static ThreadFactory platformDaemons() {
        return Thread.ofPlatform().name("castore-native-blocking-", 1).daemon(true).factory();
    }

    /** {@code call}'s result, or what it threw; on a platform thread when the caller is a virtual one. */
    public static <T, E extends Exception> T call(Call<T, E> call) throws E {
        if (!Thread.currentThread().isVirtual()) {
            return call.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        CALLERS.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw NativeBlocking.<E>rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #call} of an action without a result. */
    public static <E extends Exception> void run(Action<E> action) throws E {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Throws {@code e} as it is: an unchecked one, or the call's own checked {@code E}. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable e) throws E {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        throw (E) e;
    }
}
