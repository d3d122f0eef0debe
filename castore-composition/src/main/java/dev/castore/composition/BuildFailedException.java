package dev.castore.composition;

import dev.castore.api.FileErrors;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;

/** The build of an instance failed; the cause says why. Later requests for it get this same failure. */
public class BuildFailedException extends CompositionException {
    public BuildFailedException(ServiceKind<?> kind, String name, Throwable cause) {
        super("instantiation of " + kind + " service '" + name + "' failed: " + FileErrors.inWords(cause), cause);
    }
}
