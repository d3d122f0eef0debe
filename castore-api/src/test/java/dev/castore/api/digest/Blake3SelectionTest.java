package dev.castore.api.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.internal.hash.PortableBlake3Provider;
import dev.castore.api.spi.Blake3Provider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the facade picks its implementation among the providers found. */
class Blake3SelectionTest {

    private static final Blake3Provider PORTABLE = new PortableBlake3Provider();

    /** A provider that cannot run here, ranked above the portable one. */
    private static final Blake3Provider UNAVAILABLE = new Blake3Provider() {
        @Override
        public String name() {
            return "fast";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.of("needs a wider processor");
        }

        @Override
        public Blake3Hasher newHasher() {
            throw new AssertionError("an unavailable provider must not be used");
        }
    };

    @Test
    void withoutANameTheFirstAvailableWins() {
        assertSame(PORTABLE, Blake3.select(List.of(UNAVAILABLE, PORTABLE), null));
        assertSame(PORTABLE, Blake3.select(List.of(UNAVAILABLE, PORTABLE), " "));
    }

    @Test
    void aNamedProviderIsUsedEvenIfAnotherRanksHigher() {
        Blake3Provider ranked = new Blake3Provider() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public int priority() {
                return 50;
            }

            @Override
            public Blake3Hasher newHasher() {
                return PORTABLE.newHasher();
            }
        };
        assertSame(ranked, Blake3.select(List.of(ranked, PORTABLE), null));
        assertSame(PORTABLE, Blake3.select(List.of(ranked, PORTABLE), "portable"));
    }

    @Test
    void aNamedProviderThatCannotRunIsAnErrorThatSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Blake3.select(List.of(UNAVAILABLE, PORTABLE), "fast"));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
        assertTrue(e.getMessage().contains("needs a wider processor"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheProvidersFound() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Blake3.select(List.of(UNAVAILABLE, PORTABLE), "native"));
        assertTrue(e.getMessage().contains("[fast, portable]"), e.getMessage());
    }

    @Test
    void providersAreFoundByName() {
        assertEquals("portable", Blake3.provider("portable").name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Blake3.provider("native"));
        assertTrue(e.getMessage().contains("no BLAKE3 implementation named 'native'"), e.getMessage());
    }

    @Test
    void availabilityFollowsTheReason() {
        assertEquals(false, UNAVAILABLE.isAvailable());
        assertEquals(true, PORTABLE.isAvailable());
    }
}
