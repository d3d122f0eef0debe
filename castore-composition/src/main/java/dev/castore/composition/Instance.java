package dev.castore.composition;

import dev.castore.api.spi.ServiceBuilder;
import dev.castore.api.spi.ServiceKind;
import dev.castore.api.spi.ServiceReference;
import java.util.List;
import java.util.Objects;

/**
 * One instance of a composition, as bound from a config file or a URL: its kind, name, type tag,
 * bound config, and the instances that config refers to. The references are read once, when the
 * instance is bound, so the graph can be checked and drawn without asking the config again.
 *
 * @param kind the service kind, which is also the namespace of {@code name}
 * @param name the instance name ({@value Composition#ANONYMOUS} for a URL reference)
 * @param type the type tag that chose the config record ({@code memory}, {@code objectstore})
 * @param config the bound config record, which builds the service
 * @param references what the config refers to, in its declared order
 */
public record Instance(ServiceKind<?> kind, String name, String type, ServiceBuilder<?> config,
        List<ServiceReference> references) {

    public Instance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        references = List.copyOf(references);
    }

    /** The instance of {@code config}, its references read from it. */
    static Instance of(ServiceKind<?> kind, String name, String type, ServiceBuilder<?> config) {
        return new Instance(kind, name, type, config, config.references());
    }

    /** The config as a builder of {@code kind}'s service; the caller has checked the kind. */
    @SuppressWarnings("unchecked")
    <T> ServiceBuilder<T> builder(ServiceKind<T> expected) {
        if (expected != kind) {
            throw new IllegalArgumentException(this + " is not a " + expected + " service");
        }
        return (ServiceBuilder<T>) config;
    }

    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }
}
