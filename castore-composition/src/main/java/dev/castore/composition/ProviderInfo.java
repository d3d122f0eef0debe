package dev.castore.composition;

import dev.castore.api.spi.Registration;
import java.util.List;
import java.util.Optional;

/**
 * A provider the registry found: the module it comes from (or the jar/class for a provider on
 * the class path), the module's version, and what it registers.
 */
public record ProviderInfo(String module, Optional<String> version, String providerClass, List<Registration<?>> registrations) {}
