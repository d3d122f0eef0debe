package dev.castore.composition;

/** A provider that could not be loaded: where it came from and why. */
public record ProviderFailure(String source, String error) {}
