package dev.castore.api.spi;

import java.net.BindException;

/**
 * A {@link ListenerProvider} could not listen because something else listens at the address. A
 * caller that can offer another address (the daemon command's {@code --listen}) tells by this
 * type, not by the message, whose words may be the C library's in the user's locale.
 */
public class AddressInUseException extends BindException {

    public AddressInUseException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
