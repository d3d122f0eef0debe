package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;

/** The build of an instance failed; the cause says why. Later requests for it get this same failure. */
public class BuildFailedException extends CompositionException {
    public BuildFailedException(ServiceKind<?> kind, String name, Throwable cause) {
        super("instantiation of " + kind + " service '" + name + "' failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
