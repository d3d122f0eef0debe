package dev.castore.composition;

import dev.castore.api.spi.CompositionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the providers of one service interface, the same way for every SPI of the composition
 * (store types, listeners): each provider class once, however many loaders see it; a provider
 * that fails to load, or to say what it provides, is recorded in {@link #failures()} with its
 * module and does not stop the others; and two providers claiming one thing (a store type, a
 * listen scheme) is an error naming both modules.
 *
 * @param <S> the service interface
 */
public final class ProviderScan<S> {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderScan.class);

    /** A provider found, with the module (or class path jar) it comes from. */
    public record Found<S>(S provider, String module, Optional<String> version, String providerClass) {

        static <S> Found<S> of(S provider) {
            Class<?> type = provider.getClass();
            return new Found<>(provider, moduleName(type), moduleVersion(type), type.getName());
        }

        /** "module m (class)", for messages. */
        public String describe() {
            return "module " + module + " (" + providerClass + ")";
        }
    }

    private final String label;
    private final Set<Class<?>> seen = new HashSet<>();
    private final List<ProviderFailure> failures = new ArrayList<>();
    private final Map<String, Found<S>> claims = new HashMap<>();

    /** A scan whose failures are logged as those of a {@code label} ("store provider"). */
    public ProviderScan(String label) {
        this.label = label;
    }

    /** The providers {@code loaders} find that this scan has not seen before, in loader order. */
    public synchronized List<Found<S>> scan(List<ServiceLoader<S>> loaders) {
        List<Found<S>> out = new ArrayList<>();
        for (ServiceLoader<S> loader : loaders) {
            var it = loader.stream().iterator();
            while (true) {
                ServiceLoader.Provider<S> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError e) {
                    fail("unknown provider", e);
                    continue;
                }
                if (!seen.add(p.type())) {
                    continue;
                }
                try {
                    out.add(Found.of(p.get()));
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    fail(moduleName(p.type()), e);
                }
            }
        }
        return out;
    }

    /** {@code providers} as found, each class once over all calls. */
    public synchronized List<Found<S>> adopt(List<S> providers) {
        return providers.stream().filter(p -> seen.add(p.getClass())).map(Found::of).toList();
    }

    /** Records that a provider from {@code source} failed with {@code error}, and logs it. */
    public synchronized void fail(String source, Throwable error) {
        ProviderFailure f = new ProviderFailure(source, message(error));
        failures.add(f);
        LOG.warn("{} from {} failed to load: {}", label, f.source(), f.error());
    }

    /**
     * Records that {@code by} provides {@code key}, which {@code claim} describes ("register the
     * blob type"); fails when another provider did so before.
     *
     * @throws CompositionException "two providers register the blob type 'x': module a (..) and module b (..)"
     */
    public synchronized void claim(String claim, String key, Found<S> by) throws CompositionException {
        Found<S> previous = claims.putIfAbsent(claim + "\u0000" + key, by);
        if (previous != null && previous != by) {
            throw new CompositionException("two providers " + claim + " '" + key + "': " + previous.describe() + " and "
                    + by.describe() + "; remove one of them from the module path");
        }
    }

    /** Every failure recorded so far. */
    public synchronized List<ProviderFailure> failures() {
        return List.copyOf(failures);
    }

    static String moduleName(Class<?> type) {
        Module m = type.getModule();
        return m.isNamed() ? m.getName() : "unnamed module (" + type.getName() + ")";
    }

    static Optional<String> moduleVersion(Class<?> type) {
        Module m = type.getModule();
        Optional<String> fromDescriptor = m.isNamed() && m.getDescriptor() != null
                ? m.getDescriptor().rawVersion()
                : Optional.empty();
        return fromDescriptor.or(() -> Optional.ofNullable(type.getPackage()).map(Package::getImplementationVersion));
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c);
        }
        return sb.toString();
    }
}
