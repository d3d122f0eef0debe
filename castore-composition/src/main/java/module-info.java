/**
 * Composes stores at run time: the registry of store types that every module on the module path
 * contributes through {@link dev.castore.api.spi.ServiceBuilderProvider}, config files (JSON,
 * TOML, YAML) and URLs, and {@link dev.castore.composition.Composition}, which builds instances
 * lazily, once, concurrently and cycle-checked. Its own combinators ({@code combined},
 * {@code cache}) and decorators ({@code readonly}, {@code verifying}, {@code lru},
 * {@code mirrored}, {@code sharding}, {@code has-cache}) are registered exactly like any
 * third-party store.
 *
 * @uses dev.castore.api.spi.ServiceBuilderProvider
 * @uses dev.castore.api.spi.ListenerProvider
 * @uses dev.castore.api.spi.ArchiveImporterProvider
 * @uses dev.castore.api.telemetry.TelemetryProvider
 * @provides dev.castore.api.spi.ServiceBuilderProvider
 */
module dev.castore.composition {
    requires transitive dev.castore.api;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.dataformat.toml;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.slf4j;

    exports dev.castore.composition;
    exports dev.castore.composition.combinator;
    exports dev.castore.composition.plugin;

    uses dev.castore.api.spi.ServiceBuilderProvider;
    uses dev.castore.api.spi.ListenerProvider;
    uses dev.castore.api.spi.ArchiveImporterProvider;
    uses dev.castore.api.telemetry.TelemetryProvider;

    provides dev.castore.api.spi.ServiceBuilderProvider with dev.castore.composition.combinator.CombinatorProvider;
}
