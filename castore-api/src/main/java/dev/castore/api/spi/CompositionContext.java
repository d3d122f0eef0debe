package dev.castore.api.spi;

import dev.castore.api.telemetry.Telemetry;
import java.io.IOException;
import java.util.Optional;
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

    /**
     * The module layer of the extension {@code name} of the plugin that {@code owner} belongs to:
     * the jars in the sub-directory {@code name} of that plugin's directory, resolved on top of the
     * plugin's own layer when first asked for, and kept. An extension holds what only some of a
     * plugin's stores need (the objectstore plugin's S3 client, in {@code objectstore/s3/}), so
     * that commands on the others neither resolve nor define its modules. Its service providers
     * are found with {@code ServiceLoader.load(layer, service)}.
     *
     * <p>Empty when {@code owner} is not a module of a plugin's layer (a store on the module or
     * class path: what an extension would hold is then on that path too, and found through the
     * owner's own layer or loader), or when the plugin has no such sub-directory.
     *
     * @throws IOException when the extension is there but cannot be loaded, with the reason
     */
    default Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
        return Optional.empty();
    }
}
