package dev.castore.store.objectstore.backend;

import dev.castore.store.objectstore.spi.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every call made to a store, and the most PUTs ever running at once. */
public final class CountingObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    public final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger putsRunning = new AtomicInteger();
    public final AtomicInteger maxPutsRunning = new AtomicInteger();
    /** The keys of PUTs made on a virtual thread. */
    public final ConcurrentLinkedQueue<String> putsOnVirtualThreads = new ConcurrentLinkedQueue<>();

    private final boolean remoteHeads;
    private volatile CountDownLatch hold;

    public CountingObjectStore(ObjectStore delegate) {
        this(delegate, delegate.headIsARequest());
    }

    /** {@code remoteHeads}: what {@link #headIsARequest()} answers, whatever the delegate's. */
    public CountingObjectStore(ObjectStore delegate, boolean remoteHeads) {
        this.delegate = delegate;
        this.remoteHeads = remoteHeads;
    }

    @Override
    public boolean headIsARequest() {
        return remoteHeads;
    }

    /** Makes every PUT from now on wait until {@code release} opens. */
    public void holdPutsUntil(CountDownLatch release) {
        hold = release;
    }

    /** PUTs running (or held) now. */
    public int putsRunning() {
        return putsRunning.get();
    }

    /** Recorded calls like {@code "PUT chunks/b3/..."} whose text starts with {@code prefix}. */
    public List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public Optional<Long> head(String key) throws IOException {
        calls.add("HEAD " + key);
        return delegate.head(key);
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        calls.add("GET " + key);
        return delegate.get(key);
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        calls.add("PUT " + key);
        if (Thread.currentThread().isVirtual()) {
            putsOnVirtualThreads.add(key);
        }
        maxPutsRunning.accumulateAndGet(putsRunning.incrementAndGet(), Math::max);
        try {
            CountDownLatch until = hold;
            if (until != null) {
                until.await();
            }
            Thread.sleep(2); // widen the window in which concurrent uploads overlap
            delegate.put(key, data);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            putsRunning.decrementAndGet();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        calls.add("DELETE " + key);
        delegate.delete(key);
    }

    @Override
    public dev.castore.api.Cursor<String> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public String location() {
        return delegate.location();
    }
}
