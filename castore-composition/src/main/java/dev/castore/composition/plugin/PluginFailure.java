package dev.castore.composition.plugin;

import java.nio.file.Path;

/**
 * A plugin that could not be loaded (a missing dependency, two jars with one module, an
 * unreadable jar), with the reason in one line.
 */
public record PluginFailure(String name, Path location, String error) {}
