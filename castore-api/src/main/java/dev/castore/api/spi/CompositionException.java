package dev.castore.api.spi;

import java.io.IOException;

/**
 * A composition could not provide an instance: unknown name or type, invalid config, a cycle, a
 * failed build. Builders let these pass unchanged, so the outermost caller sees the first cause.
 */
public class CompositionException extends IOException {

    public CompositionException(String message) {
        super(message);
    }

    public CompositionException(String message, Throwable cause) {
        super(message, cause);
    }
}
