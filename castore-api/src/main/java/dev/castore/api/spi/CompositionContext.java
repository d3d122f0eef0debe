package dev.castore.api.spi;

import dev.castore.api.telemetry.Telemetry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link ServiceBuilder} sees of the composition that builds it: the other instances.
 * Resolution is memoized (one instance per kind and name), concurrent, and fails fast on cycles.
 */
public interface CompositionContext {

    /**
     * The instance of {@code kind} named {@code name}, built if needed; a {@code name} containing
     * {@code ://} is a URL and yields a fresh anonymous instance.
     *
     * @throws CompositionException when it is unknown, fails to build, or is part of a cycle
     */
    <T> T resolve(ServiceKind<T> kind, String name) throws IOException;

    /** Like {@link #resolve}, in the background, so that a combinator builds its children in parallel. */
    <T> CompletableFuture<T> resolveAsync(ServiceKind<T> kind, String name);

    /**
     * The telemetry of the composition, for builders whose stores make calls of their own to
     * trace (the gRPC client); {@link Telemetry#none()} unless the composition was given one.
     */
    default Telemetry telemetry() {
        return Telemetry.none();
    }

    /**
     * Whether the instance being built will be written through ({@link Access#READ_WRITE}, the
     * default) or only read; instances it resolves are asked for the same access, unless its
     * builder {@linkplain ServiceBuilder#writesWhenRead() writes into them when read}.
     */
    default Access access() {
        return Access.READ_WRITE;
    }
}
