package dev.castore.composition.combinator;

import dev.castore.api.digest.B3Digest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Digests known to be stored, each until its time to live runs out, at most {@code maxEntries}
 * of them: beyond that the least recently used is forgotten. Thread-safe.
 */
final class ExistenceCache {

    private final int maxEntries;
    private final Duration ttl;
    private final InstantSource clock;
    private final LinkedHashMap<B3Digest, Instant> expiries;

    ExistenceCache(int maxEntries, Duration ttl, InstantSource clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.expiries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<B3Digest, Instant> eldest) {
                return size() > ExistenceCache.this.maxEntries;
            }
        };
    }

    /** Whether {@code digest} was remembered and has not expired; an expired entry is dropped. */
    synchronized boolean knows(B3Digest digest) {
        Instant expiry = expiries.get(digest);
        if (expiry == null) {
            return false;
        }
        if (clock.instant().isBefore(expiry)) {
            return true;
        }
        expiries.remove(digest);
        return false;
    }

    synchronized void remember(B3Digest digest) {
        if (maxEntries > 0) {
            expiries.put(digest, clock.instant().plus(ttl));
        }
    }

    synchronized void forget(B3Digest digest) {
        expiries.remove(digest);
    }

    synchronized int size() {
        return expiries.size();
    }
}
