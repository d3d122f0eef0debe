package dev.castore.composition;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import dev.castore.api.spi.ServiceKind;
import dev.castore.composition.combinator.CombinatorProvider;
import dev.castore.store.memory.MemoryBlobServiceConfig;
import dev.castore.store.memory.MemoryProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One provider scan for every SPI: each provider class once, failures recorded, conflicts loud. */
class ProviderScanTest {

    /** A second provider of the memory blob type, from this test's module. */
    public static final class SecondMemory implements ServiceBuilderProvider {
        @Override
        public List<Registration<?>> registrations() {
            return List.of(Registration.of(ServiceKind.BLOB, "memory", MemoryBlobServiceConfig.class));
        }
    }

    @Test
    void aSecondClaimOfOneKeyNamesBothModules() throws Exception {
        ProviderScan<ServiceBuilderProvider> scan = new ProviderScan<>("store provider");
        List<ProviderScan.Found<ServiceBuilderProvider>> found = scan.adopt(List.of(new MemoryProvider(), new SecondMemory()));
        scan.claim("serve the listen scheme", "x+http", found.getFirst());
        assertDoesNotThrow(() -> scan.claim("serve the listen scheme", "x+http", found.getFirst()));
        CompositionException e = assertThrows(CompositionException.class,
                () -> scan.claim("serve the listen scheme", "x+http", found.get(1)));
        assertEquals("two providers serve the listen scheme 'x+http': module dev.castore.store.memory"
                + " (dev.castore.store.memory.MemoryProvider) and module dev.castore.composition"
                + " (dev.castore.composition.ProviderScanTest$SecondMemory); remove one of them from the module path",
                e.getMessage());
    }

    @Test
    void eachProviderClassIsFoundOnce() {
        ProviderScan<ServiceBuilderProvider> scan = new ProviderScan<>("store provider");
        assertEquals(2, scan.adopt(List.of(new MemoryProvider(), new CombinatorProvider(), new MemoryProvider())).size());
        assertEquals(List.of(), scan.adopt(List.of(new CombinatorProvider())));
    }

    @Test
    void theRegistryUsesTheSameRule() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> StoreRegistry.of(List.of(new MemoryProvider(), new SecondMemory())));
        assertEquals("two providers register the blob type 'memory': module dev.castore.store.memory"
                + " (dev.castore.store.memory.MemoryProvider) and module dev.castore.composition"
                + " (dev.castore.composition.ProviderScanTest$SecondMemory); remove one of them from the module path",
                e.getMessage());
    }
}
