package dev.castore.composition.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * One loaded plugin: a directory of jars (or a single jar) under the plugins directory, with the
 * loader its services come from.
 *
 * <p>A plugin with at least one explicit module becomes its own {@link ModuleLayer} over the boot
 * layer; a plugin of plain jars gets its own class loader and declares its services in
 * {@code META-INF/services}. Either way its dependencies stay apart from every other plugin's.
 *
 * @param name the directory or jar name, without {@code .jar}
 * @param location the directory or jar
 * @param layer the plugin's module layer; empty for a plugin of plain jars
 * @param loader the class loader of the plugin's classes
 * @param modules the modules defined by the layer, sorted; empty for plain jars
 * @param skipped jars left out because the running image already has their module
 */
public record Plugin(String name, Path location, Optional<ModuleLayer> layer, ClassLoader loader,
        List<String> modules, List<String> skipped) {

    public Plugin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(loader, "loader");
        modules = List.copyOf(modules);
        skipped = List.copyOf(skipped);
    }

    /** Whether the plugin was loaded as modules (true) or through a plain class loader (false). */
    public boolean isModular() {
        return layer.isPresent();
    }

    /**
     * A service loader over this plugin. It may also see providers of the layers and loaders
     * above it; callers that merge loaders keep each provider class once.
     */
    public <S> ServiceLoader<S> serviceLoader(Class<S> service) {
        return layer.map(l -> ServiceLoader.load(l, service)).orElseGet(() -> ServiceLoader.load(service, loader));
    }
}
