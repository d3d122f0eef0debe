package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import java.util.Set;

/** A name that is not in the composition. */
public class StoreNotFoundException extends CompositionException {
    public StoreNotFoundException(ServiceKind<?> kind, String name, Set<String> known) {
        this(kind, name, known, "");
    }

    /** {@code via}: how the name was reached, e.g. ", referred to by blob 'root' (field 'far')". */
    public StoreNotFoundException(ServiceKind<?> kind, String name, Set<String> known, String via) {
        super("store not found: " + kind + " '" + name + "'" + via + (known.isEmpty()
                ? " (the composition has no " + kind + " services)"
                : " (" + kind + " services: " + known + ")"));
    }
}
