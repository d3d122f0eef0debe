package dev.castore.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NativeBlockingTest {

    /** The C library's {@code usleep}: a native call that waits without the JDK knowing. */
    private static final MethodHandle USLEEP = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("usleep").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private static void sleepNatively(int millis) {
        try {
            int rc = (int) USLEEP.invokeExact(millis * 1000);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code body} on a virtual thread and rethrows what it threw. */
    private static void onVirtualThread(ThrowingRunnable body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }).join();
        if (failure.get() instanceof Exception e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aPlatformThreadCallsDirectly() {
        Thread caller = Thread.currentThread();
        assertSame(caller, NativeBlocking.call(Thread::currentThread));
    }

    @Test
    void aVirtualThreadHandsTheCallToAPlatformThreadAndGetsItsResult() throws Exception {
        onVirtualThread(() -> {
            Thread runner = NativeBlocking.call(Thread::currentThread);
            assertFalse(runner.isVirtual());
            assertTrue(runner.getName().startsWith("castore-native-blocking-"), runner.getName());
            assertEquals(42, NativeBlocking.call(() -> 42));
        });
    }

    @Test
    void whatTheCallThrowsReachesTheCallerAsItIs() throws Exception {
        IOException checked = new IOException("disk gone");
        IllegalStateException unchecked = new IllegalStateException("closed");
        onVirtualThread(() -> {
            assertSame(checked, assertThrows(IOException.class, () -> NativeBlocking.run(() -> {
                throw checked;
            })));
            assertSame(unchecked, assertThrows(IllegalStateException.class, () -> NativeBlocking.run(() -> {
                throw unchecked;
            })));
        });
    }

    @Test
    void callsWaitingInNativeCodeLeaveTheCarriersToOtherVirtualThreads() throws Exception {
        // As many virtual threads as carriers, each in a native call for 2 s: one more virtual thread
        // still runs at once. Called directly, the calls would hold every carrier for the 2 s.
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        CountDownLatch inside = new CountDownLatch(carriers);
        List<Thread> sleepers = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            sleepers.add(Thread.ofVirtual().start(() -> NativeBlocking.run(() -> {
                inside.countDown();
                sleepNatively(2000);
            })));
        }
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the native calls started");
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        Thread.ofVirtual().start(ran::countDown);
        assertTrue(ran.await(1, TimeUnit.SECONDS), "another virtual thread ran while the native calls waited");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        for (Thread t : sleepers) {
            t.join();
        }
    }

    @Test
    void anInterruptWaitsForTheCallAndStaysSet() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CountDownLatch inside = new CountDownLatch(1);
        Thread caller = Thread.ofVirtual().start(() -> {
            NativeBlocking.run(() -> {
                inside.countDown();
                sleepNatively(300);
                finished.set(true);
            });
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        assertTrue(finished.get(), "the call ran to its end before the caller went on");
        assertTrue(interruptedAfter.get(), "the interrupt is kept");
    }
}
