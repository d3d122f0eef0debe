package dev.castore.composition;

import dev.castore.api.spi.Access;
import dev.castore.api.spi.CompositionContext;
import dev.castore.api.spi.CompositionException;
import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.telemetry.Telemetry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the instances of a {@link CompositionConfig} on demand.
 *
 * <ul>
 *   <li>Lazy: only what is asked for, and what that refers to, is built.
 *   <li>Memoized: one instance per kind and name; N threads asking for one name get the same
 *       object and its builder runs once. Failures are memoized too: later requests get the same
 *       error, not a second attempt.
 *   <li>Checked before building: the first build of an entrypoint checks what it reaches
 *       ({@link ReferenceCheck}): a cycle fails with {@link RecursionException}, a missing name
 *       with {@link StoreNotFoundException}, each with the whole path, before anything is built
 *       (combinators build their children in parallel, and two in a cycle would otherwise wait
 *       on each other). Each build also carries the stack of instances being built, for builders
 *       that resolve names they do not declare as references.
 *   <li>A reference containing {@code ://} is a URL: it builds a fresh, unshared instance named
 *       {@code anonymous} each time.
 *   <li>Instrumented once: every instance built (combinators and decorators included) is handed
 *       to the composition's {@link Telemetry}, and what it returns is what others resolve; with
 *       {@link Telemetry#none()} (the default) nothing is wrapped.
 *   <li>Built for an {@link Access}: a composition for reading only builds its instances
 *       {@link Access#READ_ONLY}, except the children of a builder that
 *       {@linkplain ServiceBuilder#writesWhenRead() writes into them when read}; when a named
 *       instance of the config is such a builder, everything is built for writing (a named
 *       instance is shared, so it must not be opened once for reading and once for writing; a
 *       named instance reached both from such a builder given by URL and for reading is built
 *       for the access of the first request).
 *   <li>{@link #close()} closes everything built, dependents before dependencies (the reverse of
 *       the order in which builds completed).
 * </ul>
 */
public final class Composition implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Composition.class);

    /** The instance name given to builds of URL references. */
    public static final String ANONYMOUS = "anonymous";

    /** The default entrypoint. */
    public static final String ROOT = "root";

    private final Binder binder;
    private final StoreRegistry registry;
    private final CompositionConfig config;
    private final Map<InstanceKey, CompletableFuture<Object>> builds = new HashMap<>();
    private final Set<InstanceKey> checked = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> built = new ArrayList<>();
    private final List<BuiltInstance> instances = new ArrayList<>();
    private final Telemetry telemetry;
    private final Access access;
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();
    private boolean closed;

    /** A composition of {@code config} whose instances are not instrumented. */
    public Composition(StoreRegistry registry, CompositionConfig config) {
        this(registry, config, Telemetry.none());
    }

    /** A composition of {@code config} whose every instance is instrumented by {@code telemetry}. */
    public Composition(StoreRegistry registry, CompositionConfig config, Telemetry telemetry) {
        this(registry, config, telemetry, Access.READ_WRITE);
    }

    /**
     * A composition of {@code config}, instrumented by {@code telemetry}, whose instances are
     * built for {@code access} (see the class comment for when reading only is not possible).
     */
    public Composition(StoreRegistry registry, CompositionConfig config, Telemetry telemetry, Access access) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.binder = new Binder(registry);
        this.config = Objects.requireNonNull(config, "config");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        boolean writesWhenRead = config.instances().stream().anyMatch(Composition::writesWhenRead);
        this.access = writesWhenRead ? Access.READ_WRITE : Objects.requireNonNull(access, "access");
    }

    private static boolean writesWhenRead(Instance instance) {
        return instance.config().writesWhenRead();
    }

    /** The access the instances are built for. */
    public Access access() {
        return access;
    }

    /** An instance built so far, as its builder returned it (not instrumented). */
    public record BuiltInstance(ServiceKind<?> kind, String name, String type, Object service) {}

    /** The instances built so far, in the order their builds completed. */
    public synchronized List<BuiltInstance> instances() {
        return List.copyOf(instances);
    }

    /** The config this composition builds from. */
    public CompositionConfig config() {
        return config;
    }

    /** The instance of {@code kind} named {@code name} (or described by a URL), built on first use. */
    public <T> T build(ServiceKind<T> kind, String name) throws IOException {
        InstanceKey entry = new InstanceKey(kind, name);
        if (!checked.contains(entry)) {
            ReferenceCheck.check(binder, config, kind, name);
            checked.add(entry);
        }
        return build(kind, name, List.of(), access);
    }

    private <T> T build(ServiceKind<T> kind, String name, List<InstanceKey> stack, Access wanted) throws IOException {
        if (name.contains("://")) {
            return buildAnonymous(kind, name, stack, wanted);
        }
        InstanceKey key = new InstanceKey(kind, name);
        if (stack.contains(key)) {
            List<InstanceKey> steps = new ArrayList<>(stack);
            steps.add(key);
            throw new RecursionException(stack.stream().map(InstanceKey::name).toList(), steps.stream().map(InstanceKey::toString).toList());
        }
        ServiceBuilder<T> builder = config.get(kind, name)
                .orElseThrow(() -> new StoreNotFoundException(kind, name, config.names(kind)));
        CompletableFuture<Object> future;
        boolean mine = false;
        synchronized (this) {
            ensureOpen();
            future = builds.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                builds.put(key, future);
                mine = true;
            }
        }
        if (mine) {
            run(kind, key, builder, stack, wanted, future);
        }
        return kind.type().cast(await(future));
    }

    private <T> void run(ServiceKind<T> kind, InstanceKey key, ServiceBuilder<T> builder, List<InstanceKey> stack, Access wanted,
            CompletableFuture<Object> future) {
        List<InstanceKey> inner = new ArrayList<>(stack);
        inner.add(key);
        try {
            T instance = builder.build(key.name(), new Context(List.copyOf(inner), wanted, builder));
            Objects.requireNonNull(instance, () -> "the builder of " + key + " returned null");
            String type = config.instance(key.kind(), key.name()).map(Instance::type).orElse("unknown");
            register(new BuiltInstance(key.kind(), key.name(), type, instance));
            LOG.debug("built {} ({})", key, instance.getClass().getName());
            future.complete(telemetry.instrument(kind, key.name(), type, instance));
        } catch (CompositionException e) {
            future.completeExceptionally(e);
        } catch (Exception | LinkageError e) {
            future.completeExceptionally(new BuildFailedException(key.kind(), key.name(), e));
        }
    }

    private <T> T buildAnonymous(ServiceKind<T> kind, String url, List<InstanceKey> stack, Access wanted) throws IOException {
        Instance bound = binder.bindUrl(kind, ANONYMOUS, url);
        ServiceBuilder<T> builder = bound.builder(kind);
        T instance;
        try {
            instance = builder.build(ANONYMOUS, new Context(stack, wanted, builder));
        } catch (CompositionException e) {
            throw e;
        } catch (Exception e) {
            throw new BuildFailedException(kind, url, e);
        }
        register(new BuiltInstance(kind, ANONYMOUS, bound.type(), instance));
        return telemetry.instrument(kind, ANONYMOUS, bound.type(), instance);
    }

    private synchronized void register(BuiltInstance built) throws CompositionException {
        if (built.service() instanceof AutoCloseable c) {
            if (closed) {
                closeQuietly(c);
                throw new CompositionException("the composition was closed while building");
            }
            this.built.add(c);
        }
        instances.add(built);
    }

    private static Object await(CompletableFuture<Object> future) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CompositionException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompositionException("interrupted while waiting for a build", e);
        } catch (CancellationException e) {
            throw new CompositionException("build cancelled", e);
        }
    }

    private void ensureOpen() throws CompositionException {
        if (closed) {
            throw new CompositionException("the composition is closed");
        }
    }

    /** Closes every instance built, dependents first. Idempotent. */
    @Override
    public void close() throws IOException {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(built);
            built.clear();
        }
        resolver.shutdownNow();
        IOException failure = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                IOException io = e instanceof IOException x ? x : new IOException("closing a store failed: " + e.getMessage(), e);
                if (failure == null) {
                    failure = io;
                } else {
                    failure.addSuppressed(io);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing a store failed", e);
        }
    }

    /** What a builder sees: resolution that carries the stack of builds in progress. */
    private final class Context implements CompositionContext {
        private final List<InstanceKey> stack;
        private final Access access;
        /** The access of what the builder resolves: for writing when it writes into them on reads. */
        private final Access childAccess;

        Context(List<InstanceKey> stack, Access access, ServiceBuilder<?> builder) {
            this.stack = stack;
            this.access = access;
            this.childAccess = builder.writesWhenRead() ? Access.READ_WRITE : access;
        }

        @Override
        public Access access() {
            return access;
        }

        @Override
        public <T> T resolve(ServiceKind<T> kind, String name) throws IOException {
            return build(kind, name, stack, childAccess);
        }

        @Override
        public Telemetry telemetry() {
            return telemetry;
        }

        @Override
        public Optional<ModuleLayer> extension(Module owner, String name) throws IOException {
            return registry.extension(owner, name);
        }

        @Override
        public <T> CompletableFuture<T> resolveAsync(ServiceKind<T> kind, String name) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return build(kind, name, stack, childAccess);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, resolver);
        }
    }
}
