package dev.castore.composition.combinator;

import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceKind;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The two children of a combinator, resolved in parallel. */
record Children<T>(T near, T far) {

    static <T> Children<T> resolve(CompositionContext context, ServiceKind<T> kind, String near, String far)
            throws IOException {
        CompletableFuture<T> n = context.resolveAsync(kind, near);
        CompletableFuture<T> f = context.resolveAsync(kind, far);
        return new Children<>(join(n), join(f));
    }

    /**
     * The name of the child that config field {@code field} refers to.
     *
     * @param what what the child is, for the message when the field is missing
     * @throws IllegalArgumentException "{@code field} is required ({@code what})" when it is missing
     */
    static String required(String field, String name, String what) {
        if (name == null) {
            throw new IllegalArgumentException(field + " is required (" + what + ")");
        }
        return name;
    }

    /** One child, for decorators over a single service. */
    static <T> T resolveOne(CompositionContext context, ServiceKind<T> kind, String name) throws IOException {
        return join(context.resolveAsync(kind, name));
    }

    /** The value of a child resolved in the background, its IOException unwrapped. */
    static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CompositionException(String.valueOf(e.getCause()), e.getCause());
        }
    }
}
