package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;

/** A name that is not in the composition. */
public class StoreNotFoundException extends CompositionException {
    public StoreNotFoundException(ServiceKind<?> kind, String name, java.util.Set<String> known) {
        super("store not found: " + kind + " '" + name + "'" + (known.isEmpty()
                ? " (the composition has no " + kind + " services)"
                : " (" + kind + " services: " + known + ")"));
    }
}
