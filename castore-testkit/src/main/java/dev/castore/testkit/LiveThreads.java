package dev.castore.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The threads of this JVM by name, for tests that a client's threads end when it is closed. */
public final class LiveThreads {

    private LiveThreads() {}

    /** The live threads whose names start with {@code prefix}. */
    public static Set<Thread> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Fails unless each of {@code threads} ends within 5 s ({@code after} names what should have
     * ended them): a thread leaves its run method just after what it served has ended.
     */
    public static void assertEnd(Collection<Thread> threads, String after) throws InterruptedException {
        for (Thread t : threads) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after " + after);
        }
    }
}
