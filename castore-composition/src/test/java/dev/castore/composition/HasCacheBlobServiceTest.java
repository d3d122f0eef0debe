package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.blob.BlobService;
import dev.castore.api.blob.ForwardingBlobService;
import dev.castore.api.digest.B3Digest;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.InnerStores.Kind;
import dev.castore.composition.TestStores.TamperableBlobService;
import dev.castore.composition.combinator.HasCacheBlobService;
import dev.castore.testkit.Blobs;
import dev.castore.testkit.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract runs over a damageable store; the caching over each kind of real store, with a clock the test moves. */
class HasCacheBlobServiceTest extends DecoratedBlobContract {

    @RegisterExtension
    static final InnerStores stores = new InnerStores();

    @Override
    protected BlobService decorate(TamperableBlobService inner) {
        return new HasCacheBlobService(inner, 1000, Duration.ofMinutes(5), InstantSource.system());
    }

    /** A clock that moves only when told. */
    private static final class TestClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** Counts the {@code has} questions that reach a real store. */
    private static final class Counting extends ForwardingBlobService {
        private final AtomicInteger asked;

        Counting(BlobService store, AtomicInteger asked) {
            super(store);
            this.asked = asked;
        }

        @Override
        public boolean has(B3Digest digest) throws IOException {
            asked.incrementAndGet();
            return super.has(digest);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyPositiveAnswersAreRememberedAndOnlyForTheirTimeToLive(Kind kind) throws Exception {
        try (Composition c = stores.compose(ServiceKind.BLOB, stores.url(kind))) {
            BlobService store = stores.blobs(c);
            AtomicInteger asked = new AtomicInteger();
            TestClock clock = new TestClock();
            HasCacheBlobService cached = new HasCacheBlobService(new Counting(store, asked), 2, Duration.ofSeconds(30), clock);

            assertFalse(cached.has(Fixtures.BLOB_B_DIGEST));
            B3Digest written = Blobs.write(store, Fixtures.BLOB_B); // behind the cache's back
            assertTrue(cached.has(written), "a 'no' was not remembered");
            assertEquals(2, asked.get());
            assertTrue(cached.has(written));
            clock.advance(Duration.ofSeconds(29));
            assertTrue(cached.has(written));
            assertEquals(2, asked.get(), "a 'yes' is remembered for its time to live");
            clock.advance(Duration.ofSeconds(1));
            assertTrue(cached.has(written));
            assertEquals(3, asked.get(), "and asked again once it has expired");

            B3Digest viaCache = Blobs.write(cached, Fixtures.HELLOWORLD_BLOB);
            assertTrue(cached.has(viaCache));
            assertEquals(3, asked.get(), "a commit through the cache counts as a 'yes'");
        }
    }

    @Test
    void atMostMaxEntriesAreRememberedTheLeastRecentlyUsedGoesFirst() throws Exception {
        TamperableBlobService store = new TamperableBlobService("slow");
        AtomicInteger asked = new AtomicInteger();
        HasCacheBlobService cached = new HasCacheBlobService(new Counting(store, asked), 2, Duration.ofHours(1),
                new TestClock());
        B3Digest a = Blobs.write(store, Fixtures.BLOB_A);
        B3Digest b = Blobs.write(store, Fixtures.BLOB_B);
        B3Digest h = Blobs.write(store, Fixtures.HELLOWORLD_BLOB);
        cached.has(a);
        cached.has(b);
        cached.has(a);
        cached.has(h); // pushes out b, the least recently used
        assertEquals(3, asked.get(), "the second question about a was answered from memory");
        assertEquals(2, cached.remembered());
        cached.has(a);
        cached.has(h);
        assertEquals(3, asked.get());
        cached.has(b);
        assertEquals(4, asked.get(), "b had been pushed out");
    }

    @Test
    void fromItsUrlForm() throws Exception {
        try (Composition c = stores.compose(ServiceKind.BLOB, "has-cache://?inner=memory://&max_entries=10&ttl=30s")) {
            assertEquals(HasCacheBlobService.class, stores.blobs(c).getClass());
        }
    }
}
