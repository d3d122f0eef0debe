package dev.castore.composition;

import dev.castore.api.spi.Registration;
import dev.castore.api.spi.ServiceBuilderProvider;
import java.util.List;
import java.util.Optional;

/**
 * A provider the registry found: the module it comes from (or the jar/class for a provider on
 * the class path), the module's version, and what it registers.
 */
public record ProviderInfo(String module, Optional<String> version, String providerClass, List<Registration<?>> registrations) {

    static ProviderInfo of(ServiceBuilderProvider provider, List<Registration<?>> registrations) {
        Class<?> type = provider.getClass();
        return new ProviderInfo(moduleName(type), moduleVersion(type), type.getName(), List.copyOf(registrations));
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
}
