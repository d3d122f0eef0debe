package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import java.util.List;

/**
 * An instance that refers, directly or through others, to itself. {@link #stack()} lists the
 * names being built, outermost first, not repeating the one that closed the cycle.
 */
public class RecursionException extends CompositionException {

    private final List<String> stack;

    public RecursionException(List<String> stack, List<String> steps) {
        super("recursion detected while building " + String.join(" -> ", steps));
        this.stack = List.copyOf(stack);
    }

    /** The instance names being built, outermost first. */
    public List<String> stack() {
        return stack;
    }
}
